package io.sparksynth.api;

import io.sparksynth.TestSpark;
import io.sparksynth.cli.SparkSynth;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark ML API: params, fit, sample, save and load through the CLI's model directory. */
class GanSynthesizerTest {

    @Test
    void paramsHaveDefaultsDocsAndReachTheConfig() {
        GanSynthesizer s = new GanSynthesizer().setEpochs(7).setGeneratorLayers(16, 8).setTrimStrings(true)
                .setMissingMarkers("?");
        assertEquals(7, s.config().train.epochs());
        assertEquals(List.of(16, 8), s.config().gan.generatorLayers());
        assertTrue(s.config().clean.trimStrings());
        assertEquals(List.of("?"), s.config().clean.missingMarkers());
        assertEquals(500, s.config().train.batchSize(), "unset params keep the config's default");
        assertTrue(Arrays.stream(s.params()).anyMatch(p -> p.name().equals("epochs") && !p.doc().isEmpty()));
        GanSynthesizer copy = s.copy(ParamMap.empty());
        assertEquals(s.uid(), copy.uid());
        assertEquals(7, copy.config().train.epochs());
    }

    @Test
    void fitSampleSaveAndLoad(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        Dataset<Row> real = spark.read().parquet("src/test/resources/pima_diabetes_na.parquet");
        GanSynthesizerModel m = new GanSynthesizer().setEpochs(2).setBatchSize(50).setWorkers(2)
                .setGeneratorLayers(32).setDiscriminatorLayers(32).setNoiseDim(8).fit(real);
        Dataset<Row> a = m.sample(500, 3, 2);
        assertEquals(List.of(real.columns()), List.of(a.columns()));
        assertEquals(real.schema().apply("diabetes").dataType(), a.schema().apply("diabetes").dataType());

        String path = dir.resolve("model").toString();
        m.save(path);
        GanSynthesizerModel loaded = GanSynthesizerModel.load(path);
        assertEquals(rows(a), rows(loaded.sample(500, 3, 5)), "same rows after save/load, other partitioning");

        String out = dir.resolve("cli-out").toString();
        assertEquals(0, SparkSynth.run("generate", "--model", path, "--rows", "500", "--seed", "3", "--output", out));
        assertEquals(rows(a), rows(spark.read().parquet(out)), "the CLI generates from the API's model directory");
    }

    static List<String> rows(Dataset<Row> d) {
        return d.collectAsList().stream().map(Object::toString).sorted().toList();
    }
}
