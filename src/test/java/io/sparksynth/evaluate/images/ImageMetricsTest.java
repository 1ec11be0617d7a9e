package io.sparksynth.evaluate.images;

import io.sparksynth.TestSpark;
import io.sparksynth.config.EvaluateOptions;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.io.Json;
import io.sparksynth.io.Progress;
import io.sparksynth.preprocess.FitSample;
import io.sparksynth.preprocess.TrainHoldoutSplit;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.collection.Seq;

import java.util.List;
import java.util.SplittableRandom;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image metrics on real MNIST digits (about 900 of them, split 70/30 by row content) with a real
 * DL4J CNN on a local SparkSession: label fidelity tells real labels from wrong ones, the Fréchet
 * distance is 0 for a table against itself and grows with noise, the executors' figures do not depend
 * on the partitioning, class means are the classes' averages, and the same seed gives the same
 * network and the same metrics.
 */
class ImageMetricsTest {
    static final ColumnSpec LABEL = new ColumnSpec("label", "int", ColumnKind.CATEGORICAL, false);
    static final ColumnSpec PIXELS = new ColumnSpec("pixels", "array<float>", ColumnKind.VECTOR, false, 784,
            List.of(28, 28));
    static Dataset<Row> train;
    static Dataset<Row> holdout;
    static ImageTable tr;
    static ImageTable ho;
    static Classes classes;
    static ImageLayout layout;
    static LabelledImages sample;
    static MultiLayerNetwork net;
    static Broadcast<byte[]> shared;

    @BeforeAll
    static void trainTheClassifierOnce() {
        Dataset<Row> all = TestSpark.session().read().parquet("data/mnist_10k.parquet");
        Dataset<Row> slice = FitSample.byHash(all, 0.09, 3);
        train = TrainHoldoutSplit.train(slice, 0.3, 42).cache();
        holdout = TrainHoldoutSplit.holdout(slice, 0.3, 42).cache();
        tr = ImageTable.of(train, LABEL, PIXELS);
        ho = ImageTable.of(holdout, LABEL, PIXELS);
        classes = new Classes(List.copyOf(tr.countPerLabel().keySet()));
        double[] range = tr.range();
        layout = ImageLayout.of(PIXELS.shape(), range[0], range[1]);
        sample = tr.sample(20_000, tr.rows().count(), layout, classes, 42);
        net = CnnTraining.train(sample, layout, classes.size(), 200, 42);
        shared = Predictor.broadcast(tr.rows(), net);
    }

    @AfterAll
    static void release() {
        shared.destroy();
        tr.close();
        ho.close();
        train.unpersist();
        holdout.unpersist();
    }

    @Test
    void theSliceAndTheClassifiersSampleAreAsExpected() {
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), classes.names());
        assertEquals(0, layout.min());
        assertEquals(1, layout.max());
        long n = tr.rows().count();
        assertTrue(n > 500 && n < 800 && ho.rows().count() > 200, n + " training rows");
        assertEquals(n, sample.size(), "fewer rows than the bound: all of them");
    }

    @Test
    void labelFidelityIsHighForRealLabelsAndLowForWrongOnes() {
        TablePredictions real = Predictor.predict(ho.rows(), shared, layout, classes);
        assertTrue(real.accuracy() > 0.8, "the holdout digits as synthetic rows: " + real.accuracy());
        assertEquals(ho.rows().count(), real.known());
        // every label moved to another digit, chosen by a hash of the image
        Dataset<Row> wrong = holdout.withColumn("label", pmod(col("label").plus(lit(1))
                .plus(pmod(xxhash64(col("pixels")), lit(9))), lit(10)).cast("int"));
        try (ImageTable w = ImageTable.of(wrong, LABEL, PIXELS)) {
            TablePredictions shuffled = Predictor.predict(w.rows(), shared, layout, classes);
            assertTrue(shuffled.accuracy() < 0.3, "wrong labels: " + shuffled.accuracy());
            assertEquals(real.known(), shuffled.known());
        }
        // a label the real training rows never had counts as misassigned
        try (ImageTable w = ImageTable.of(holdout.withColumn("label", lit(11)), LABEL, PIXELS)) {
            TablePredictions unknown = Predictor.predict(w.rows(), shared, layout, classes);
            assertEquals(0, unknown.known());
            assertEquals(real.known(), unknown.unknownLabel);
            assertEquals(0, unknown.accuracy());
        }
    }

    @Test
    void frechetDistanceIsZeroForATableAgainstItselfAndGrowsWithNoise() {
        TablePredictions t = Predictor.predict(tr.rows(), shared, layout, classes);
        TablePredictions h = Predictor.predict(ho.rows(), shared, layout, classes);
        TablePredictions h3 = Predictor.predict(ho.rows().repartition(3), shared, layout, classes);
        assertEquals(0, FrechetDistance.between(h.features, h3.features), 1e-6,
                "the holdout against itself, read in other partitions");
        assertTrue(FrechetDistance.between(t.features, h.features) > 0, "training vs holdout");
        double[] noised = new double[3];
        double[] sigmas = {0.1, 0.3, 0.6};
        for (int i = 0; i < 3; i++) {
            try (ImageTable n = ImageTable.of(noisy(holdout, sigmas[i]), LABEL, PIXELS)) {
                noised[i] = FrechetDistance.between(h.features, Predictor.predict(n.rows(), shared, layout, classes)
                        .features);
            }
        }
        assertTrue(0.1 < noised[0] && noised[0] < noised[1] && noised[1] < noised[2],
                "the holdout against itself noised with sigma " + java.util.Arrays.toString(sigmas) + ": "
                        + java.util.Arrays.toString(noised));
    }

    /**
     * Counts are exact whatever the partitioning; the features agree to float rounding only, since a
     * row's activations come out of matrix products whose blocking depends on its batch.
     */
    @Test
    void executorFiguresDoNotDependOnThePartitioning() {
        TablePredictions one = Predictor.predict(ho.rows().coalesce(1), shared, layout, classes);
        TablePredictions five = Predictor.predict(ho.rows().repartition(5), shared, layout, classes);
        assertArrayEquals(one.rows, five.rows);
        assertArrayEquals(one.correct, five.correct);
        assertArrayEquals(one.features.mean(), five.features.mean(), 1e-5);
        assertEquals(0, FrechetDistance.between(one.features, five.features), 1e-6);
    }

    @Test
    void classMeansAreTheAveragesOfEachClassesImages() {
        List<float[]> means = ClassMeans.of(ho, layout, classes);
        List<Row> rows = ho.rows().collectAsList();
        for (int c : new int[]{0, 7}) {
            double[] sum = new double[784];
            int n = 0;
            for (Row r : rows) {
                if (classes.of(r.getString(0)) == c) {
                    float[] x = layout.input(r.getList(1));
                    for (int j = 0; j < 784; j++) {
                        sum[j] += x[j];
                    }
                    n++;
                }
            }
            for (int j = 0; j < 784; j++) {
                assertEquals(sum[j] / n, means.get(c)[j], 1e-6, "class " + c + ", pixel " + j);
            }
        }
    }

    @Test
    void theSameSeedTrainsTheSameNetwork() {
        MultiLayerNetwork a = CnnTraining.train(sample, layout, classes.size(), 20, 7);
        MultiLayerNetwork b = CnnTraining.train(sample, layout, classes.size(), 20, 7);
        MultiLayerNetwork c = CnnTraining.train(sample, layout, classes.size(), 20, 8);
        assertEquals(a.params(), b.params());
        assertNotEquals(a.params(), c.params());
    }

    /**
     * The whole evaluation twice, with the training rows as the synthetic table: the same figures
     * both times, a Fréchet distance of 0 and a label fidelity equal to the training accuracy.
     */
    @Test
    void theWholeEvaluationIsDeterministic() {
        EvaluateOptions options = new EvaluateOptions("label", 1000, 0, 0, 2000, true, List.of(5, 20), 20);
        ImageEvaluator.Budget budget = new ImageEvaluator.Budget(20_000, 3, 40, 20_000);
        List<ColumnSpec> specs = List.of(LABEL, PIXELS);
        ImageEvaluator.Result first = ImageEvaluator.evaluate(train, holdout, train, specs, options, 5,
                Progress.silent(), budget);
        ImageEvaluator.Result second = ImageEvaluator.evaluate(train, holdout, train, specs, options, 5,
                Progress.silent(), budget);
        assertEquals(Json.write(first.scores()), Json.write(second.scores()));
        ImageScores s = first.scores().get("pixels");
        assertEquals(0, s.frechetDistance(), 1e-6);
        assertTrue(s.holdoutFrechetDistance() > 0);
        assertEquals(s.classifier().trainingAccuracy(), s.labelFidelity(), 0);
        assertEquals(tr.rows().count(), s.rows().train());
        assertEquals(s.rows().train(), s.rows().synthetic());
        assertEquals(s.rows().holdout(), s.classes().values().stream().mapToLong(ImageScores.ClassCounts::holdout)
                .sum());
        ImageScores.Augmentation aug = s.augmentation();
        assertEquals(List.of(5, 20), aug.realPerClass());
        assertEquals(List.of(50, 200), aug.realRows());
        assertEquals(200, aug.syntheticRows());
        assertEquals(s.rows().holdout(), aug.testRows());
        for (int i = 0; i < 2; i++) {
            assertEquals(aug.realPlusSynthetic().get(i) - aug.realOnly().get(i), aug.gain().get(i), 1e-12);
        }
        ImageFigures f1 = first.figures().get("pixels");
        ImageFigures f2 = second.figures().get("pixels");
        for (int c = 0; c < 10; c++) {
            assertEquals(ImageEvaluator.SAMPLES_PER_CLASS, f1.realSamples().get(c).size());
            assertEquals(ImageEvaluator.SAMPLES_PER_CLASS, f1.syntheticSamples().get(c).size());
            for (int i = 0; i < ImageEvaluator.SAMPLES_PER_CLASS; i++) {
                assertArrayEquals(f1.realSamples().get(c).get(i), f2.realSamples().get(c).get(i));
                assertArrayEquals(f1.syntheticSamples().get(c).get(i), f2.syntheticSamples().get(c).get(i));
            }
            assertArrayEquals(f1.realMeans().get(c), f1.syntheticMeans().get(c), 1e-6f, "the same table");
        }
        assertFalse(s.classes().isEmpty());
    }

    /** The images with seeded Gaussian noise of standard deviation sigma added to every pixel. */
    static Dataset<Row> noisy(Dataset<Row> data, double sigma) {
        UDF2<Seq<Object>, Long, float[]> f = (pixels, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            float[] out = new float[pixels.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (((Number) pixels.apply(i)).doubleValue() + sigma * gaussian(r));
            }
            return out;
        };
        return data.withColumn("pixels", udf(f, DataTypes.createArrayType(DataTypes.FloatType))
                .apply(col("pixels"), xxhash64(col("pixels"))));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
