package io.sparksynth.train;

import io.sparksynth.workflow.Workflow;
import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.io.Progress;
import io.sparksynth.preprocess.DataCleaner;
import io.sparksynth.preprocess.TableTransform;
import io.sparksynth.preprocess.TransformFitter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Averaging of two workers' networks, on a real two-partition Spark round. */
class ParameterAveragingTest {

    @Test
    void averageIsTheElementWiseMeanOfParametersAndUpdaterState() {
        NetworkState a = new NetworkState(new float[]{1, 2, 3}, new float[]{0, 4});
        NetworkState b = new NetworkState(new float[]{3, 2, -3}, new float[]{2, 8});
        NetworkState avg = NetworkState.average(List.of(a, b));
        assertArrayEquals(new float[]{2, 2, 0}, avg.params());
        assertArrayEquals(new float[]{1, 6}, avg.updater());
    }

    @Test
    void oneRoundOnTwoWorkersAveragesWhatEachWorkerTrained() {
        SparkSession spark = TestSpark.session();
        SynthConfig cfg = TestSpark.quickConfig();
        Dataset<Row> raw = spark.read().parquet("data/eustock_losses.parquet");
        List<ColumnSpec> specs = SchemaInspector.inspect(raw, cfg.schema, cfg.transform, "eustock");
        Dataset<Row> clean = DataCleaner.clean(raw, specs, cfg.clean);
        TableTransform t = TransformFitter.fit(clean, specs, cfg.transform, cfg.seed);
        JavaRDD<float[]> encoded = ModelTrainer.canonical(clean, 2, cfg.seed).javaRDD().map(t::encode).cache();
        TrainingSpec spec = TrainingSpec.of("averaging-test", cfg.gan, 50, cfg.seed, t);
        RoundState start = new RoundState(0, 0, NetworkState.of(spec.newGenerator()),
                NetworkState.of(spec.newDiscriminator()));
        var jsc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<TrainingSpec> specB = jsc.broadcast(spec);
        Broadcast<RoundState> stateB = jsc.broadcast(start);
        List<RoundResult> results = encoded.mapPartitionsWithIndex((idx, it) ->
                List.of(Worker.run(specB.value(), idx, it, stateB.value(), 3)).iterator(), true).collect();
        encoded.foreachPartition(it -> Worker.release("averaging-test"));

        assertEquals(2, results.size(), "one result per worker");
        for (RoundResult r : results) {
            assertEquals(3, r.steps(), "worker " + r.partition() + " trained");
            assertFalse(java.util.Arrays.equals(start.generator().params(), r.generator().params()));
        }
        assertFalse(java.util.Arrays.equals(results.get(0).generator().params(), results.get(1).generator().params()),
                "the workers trained on different partitions");
        NetworkState avg = NetworkState.average(List.of(results.get(0).generator(), results.get(1).generator()));
        float[] p0 = results.get(0).generator().params();
        float[] p1 = results.get(1).generator().params();
        for (int i = 0; i < p0.length; i += 97) {
            assertEquals((p0[i] + p1[i]) / 2, avg.params()[i], 1e-6);
        }
        long rows = encoded.count();
        assertTrue(rows > 1000);
        encoded.unpersist();
    }

    @Test
    void moreWorkersIsADifferentButStillDeterministicTraining() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> raw = spark.read().parquet("data/eustock_losses.parquet");
        io.sparksynth.model.GanModel first = Workflow.fit(raw, TestSpark.quickConfig(), "eu", Progress.silent());
        float[] two = params(first);
        for (io.sparksynth.model.EpochRecord r : first.history()) {
            // the profile of a round: the slowest worker's steps take time, and less than the whole epoch
            assertTrue(r.computeSeconds() > 0 && r.computeSeconds() < r.seconds(), r.toString());
        }
        float[] twoAgain = params(Workflow.fit(raw, TestSpark.quickConfig(), "eu", Progress.silent()));
        float[] one = params(Workflow.fit(raw, TestSpark.quickConfig("train.workers=1"), "eu",
                Progress.silent()));
        assertArrayEquals(two, twoAgain);
        assertFalse(java.util.Arrays.equals(two, one));
    }

    static float[] params(io.sparksynth.model.GanModel m) {
        return m.generator().params().dup('c').data().asFloat();
    }
}
