package io.sparksynth.api;

import io.sparksynth.TestSpark;
import io.sparksynth.cli.SparkSynth;
import io.sparksynth.VectorTables;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vector columns through the Spark ML API: fit, sample, save, load, and the CLI generating from the saved model. */
class VectorSynthesizerTest {

    @Test
    void fitSampleSaveAndLoadWithArrayAndVectorColumns(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        Dataset<Row> real = VectorTables.table(spark, 200, 7);
        GanSynthesizerModel m = new GanSynthesizer().setEpochs(2).setBatchSize(50).setWorkers(2)
                .setGeneratorLayers(32).setDiscriminatorLayers(32).setNoiseDim(8).setSeed(5)
                .setOverrides("schema.shapes.f=[3, 2]").fit(real);
        assertEquals(28, m.model().transform().width(), "label 2, f 6 + 2, d 6, i 6, v 4 + 2");
        Dataset<Row> a = m.sample(300, 3, 2);
        for (String c : real.columns()) {
            assertEquals(real.schema().apply(c).dataType(), a.schema().apply(c).dataType(), c);
        }
        assertTrue(a.schema().apply("f").nullable() && !a.schema().apply("d").nullable(), "nullable as the real rows");
        Row stats = a.selectExpr("min(size(f)) filter (where f is not null)", "max(size(f))", "min(size(i))",
                "max(size(i))").first();
        assertEquals("[6,6,6,6]", stats.toString());
        Vector v = a.where("v is not null").first().getAs("v");
        assertEquals(4, v.size());

        String path = dir.resolve("model").toString();
        m.save(path);
        GanSynthesizerModel loaded = GanSynthesizerModel.load(path);
        assertEquals(m.model().transform().specs(), loaded.model().transform().specs(),
                "kinds, lengths and the shape are saved");
        assertEquals(GanSynthesizerTest.rows(a), GanSynthesizerTest.rows(loaded.sample(300, 3, 5)),
                "same rows after save/load, other partitioning");
        String out = dir.resolve("cli-out").toString();
        assertEquals(0, SparkSynth.run("generate", "--model", path, "--rows", "300", "--seed", "3", "--output", out));
        assertEquals(GanSynthesizerTest.rows(a), GanSynthesizerTest.rows(spark.read().parquet(out)),
                "the CLI writes and reads back the same arrays and vectors");
    }
}
