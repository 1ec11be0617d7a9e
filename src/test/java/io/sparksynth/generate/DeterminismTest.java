package io.sparksynth.generate;

import io.sparksynth.workflow.Workflow;
import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.model.GanModel;
import io.sparksynth.train.ModelTrainer;
import io.sparksynth.io.Progress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Same data, config and seed: same model and same rows, whatever the partitioning. */
class DeterminismTest {
    static SparkSession spark;
    static GanModel model;
    static SynthConfig cfg;

    @BeforeAll
    static void train() {
        spark = TestSpark.session();
        cfg = TestSpark.quickConfig();
        model = Workflow.fit(spark.read().parquet("data/adult.parquet"), cfg, "adult", Progress.silent());
    }

    @Test
    void sameSeedSameRowsWhateverThePartitionCount() {
        List<String> one = rows(SyntheticGenerator.generate(spark, model, 3000, 1, 11));
        List<String> three = rows(SyntheticGenerator.generate(spark, model, 3000, 3, 11));
        List<String> seven = rows(SyntheticGenerator.generate(spark, model, 3000, 7, 11));
        assertEquals(3000, one.size());
        assertEquals(one, three);
        assertEquals(one, seven);
        assertNotEquals(one, rows(SyntheticGenerator.generate(spark, model, 3000, 3, 12)));
    }

    @Test
    void rowRangesSplitEvenlyWithoutGapsOrOverlaps() {
        for (long n : new long[]{0, 1, 999, 1024, 3000, 1_000_000_007L}) {
            for (int p : new int[]{1, 2, 7, 64}) {
                assertEquals(0, SyntheticGenerator.rangeStart(n, p, 0));
                assertEquals(n, SyntheticGenerator.rangeStart(n, p, p));
                for (int i = 0; i < p; i++) {
                    long size = SyntheticGenerator.rangeStart(n, p, i + 1) - SyntheticGenerator.rangeStart(n, p, i);
                    assertFalse(size < n / p || size > n / p + 1, "partition " + i + " of " + p + " for " + n);
                }
            }
        }
    }

    @Test
    void sameDataConfigSeedAndWorkersGiveTheSameModel(@TempDir Path dir) {
        Dataset<Row> real = spark.read().parquet("data/adult.parquet");
        String reshuffled = dir.resolve("adult-repartitioned").toString();
        real.repartition(5).write().parquet(reshuffled);
        GanModel again = Workflow.fit(spark.read().parquet(reshuffled), cfg, "adult", Progress.silent());
        assertArrayEquals(params(model), params(again), "a differently partitioned input trains the same model");
        assertEquals(model.transform().toJson(), again.transform().toJson());
        GanModel otherSeed = Workflow.fit(real, TestSpark.quickConfig("seed=7"), "adult",
                Progress.silent());
        assertFalse(Arrays.equals(params(model), params(otherSeed)));
    }

    static float[] params(GanModel m) {
        return m.generator().params().dup('c').data().asFloat();
    }

    static List<String> rows(Dataset<Row> d) {
        return d.collectAsList().stream().map(Object::toString).sorted().toList();
    }
}
