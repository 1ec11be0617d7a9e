package io.sparksynth.api;

import io.sparksynth.config.SynthConfig;

import io.sparksynth.TestSpark;
import io.sparksynth.cli.SparkSynth;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals(0, s.config().train.batchSize(), "unset params keep the config's default (auto)");
        assertEquals("bce", s.config().gan.loss());
        assertEquals("auto", s.setLoss("auto").config().gan.loss());
        assertThrows(IllegalArgumentException.class, () -> s.setLoss("hinge"), "the param names its values");
        assertTrue(Arrays.stream(s.params()).anyMatch(p -> p.name().equals("epochs") && !p.doc().isEmpty()));
        GanSynthesizer copy = s.copy(ParamMap.empty());
        assertEquals(s.uid(), copy.uid());
        assertEquals(7, copy.config().train.epochs());
    }

    @Test
    void fitSampleSaveAndLoad(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        Dataset<Row> real = spark.read().parquet("src/test/resources/pima_diabetes_na.parquet");
        GanSynthesizer estimator = new GanSynthesizer().setEpochs(2).setBatchSize(50).setWorkers(2)
                .setGeneratorLayers(32).setDiscriminatorLayers(32).setNoiseDim(8).setSeed(5);
        GanSynthesizerModel m = estimator.fit(real);
        // the model carries the estimator's params, uid and parent, as MLlib models do
        assertEquals(estimator.uid(), m.uid());
        assertSame(estimator, m.parent());
        assertEquals(2, m.getEpochs());
        assertEquals(5L, m.getSeed());
        assertTrue(m.isSet(m.epochs()) && !m.isSet(m.pac()), "set params stay set, defaults stay defaults");
        assertEquals(0, (Integer) m.getOrDefault(m.pac()), "gan.pac's default: auto");
        int pack = SynthConfig.defaults().with(List.of("gan.discriminator-layers=[32]")).gan
                .pacFor(m.model().transform().width());
        assertEquals(pack, m.model().config().gan.pac(), "the model holds the pack it trained with");
        assertEquals(2, m.model().history().size(), "the params reached training");
        Dataset<Row> a = m.sample(500, 3, 2);
        assertEquals(List.of(real.columns()), List.of(a.columns()));
        assertEquals(real.schema().apply("diabetes").dataType(), a.schema().apply("diabetes").dataType());

        String path = dir.resolve("model").toString();
        m.save(path);
        GanSynthesizerModel loaded = GanSynthesizerModel.load(path);
        assertEquals(m.uid(), loaded.uid(), "the uid is saved and restored");
        assertEquals(2, loaded.getEpochs());
        assertEquals(5L, loaded.getSeed());
        assertTrue(loaded.isSet(loaded.epochs()) && !loaded.isSet(loaded.pac()));
        assertEquals(m.sample(7, 1, 1).count(), loaded.transform(real.limit(7)).count(),
                "transform: as many rows as the input has");
        assertEquals(rows(a), rows(loaded.sample(500, 3, 5)), "same rows after save/load, other partitioning");

        String out = dir.resolve("cli-out").toString();
        assertEquals(0, SparkSynth.run("generate", "--model", path, "--rows", "500", "--seed", "3", "--output", out));
        assertEquals(rows(a), rows(spark.read().parquet(out)), "the CLI generates from the API's model directory");
    }

    @Test
    void aModelTrainedByTheCliLoadsThroughTheSparkMlApi(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        String model = dir.resolve("cli-model").toString();
        List<String> args = new ArrayList<>(List.of("train", "--input", "src/test/resources/pima_diabetes_na.parquet",
                "--model", model, "--seed", "9"));
        args.addAll(TestSpark.quickArgs("train.epochs=3"));
        assertEquals(0, SparkSynth.run(args.toArray(new String[0])));
        GanSynthesizerModel loaded = GanSynthesizerModel.load(model);
        assertTrue(loaded.uid().startsWith("ganSynthesizer_"), loaded.uid());
        assertEquals(3, loaded.getEpochs(), "params read from the model's config");
        assertEquals(9L, loaded.getSeed());
        assertEquals(List.of(32), Arrays.stream((int[]) loaded.getOrDefault(loaded.generatorLayers())).boxed().toList());
        String out = dir.resolve("cli-out").toString();
        assertEquals(0, SparkSynth.run("generate", "--model", model, "--rows", "300", "--seed", "4", "--output", out));
        assertEquals(rows(spark.read().parquet(out)), rows(loaded.sample(300, 4, 3)),
                "the API samples the CLI's rows from the CLI's model");
        assertTrue(loaded.model().provenance().rows() > 0);
    }

    static List<String> rows(Dataset<Row> d) {
        return d.collectAsList().stream().map(Object::toString).sorted().toList();
    }
}
