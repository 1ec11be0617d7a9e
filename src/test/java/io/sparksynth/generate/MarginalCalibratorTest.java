package io.sparksynth.generate;

import io.sparksynth.TestSpark;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marginal calibration on a table a two-epoch GAN gets badly wrong: a heavy-tailed column with
 * a top-coded value held by 2 % of the rows, a column that rises with it, a rare category and
 * nulls. After calibration the generated marginals match the real ones; the calibration keeps
 * ranks and depends on the model, data and seed only.
 */
class MarginalCalibratorTest {
    static final double TOP = 99_999;
    static SparkSession spark;
    static Dataset<Row> real;
    static GanModel raw;
    @TempDir
    static Path dir;

    @BeforeAll
    static void table() {
        spark = TestSpark.session();
        real = spark.range(4000).selectExpr(
                        "pmod(hash(id, 1), 1000) / 1000.0 AS u", "pmod(hash(id, 2), 100) AS r",
                        "pmod(hash(id, 3), 1000) / 1000.0 AS v")
                .selectExpr(
                        "CAST(CASE WHEN r < 2 THEN " + TOP + " ELSE exp(8 * u) END AS DOUBLE) AS income",
                        "CAST(CASE WHEN r = 50 THEN NULL ELSE 10 * u + v END AS DOUBLE) AS score",
                        "CASE WHEN r < 60 THEN 'common' WHEN r < 97 THEN 'usual' ELSE 'rare' END AS kind")
                .repartition(3).cache();
        raw = Workflow.fit(real, TestSpark.quickConfig("train.calibrate-marginals=false"), "skewed table",
                Progress.silent());
    }

    @Test
    void generatedMarginalsMatchTheRealOnes() {
        GanModel model = copy(raw);
        MarginalCalibrator.calibrate(model, real, 20_000, 42);
        String saved = dir.resolve("calibrated").toString();
        model.save(spark.sparkContext().hadoopConfiguration(), saved);
        model = GanModel.load(spark.sparkContext().hadoopConfiguration(), saved); // the calibration is saved
        List<Row> synth = SyntheticGenerator.generate(spark, model, 20_000, 4, 7).collectAsList();
        List<Row> realRows = real.collectAsList();

        double[] r = values(realRows, 0);
        double[] s = values(synth, 0);
        assertTrue(ks(r, s) < 0.03, "income KS after calibration: " + ks(r, s));
        assertEquals(share(r, TOP), share(s, TOP), 0.01, "the top-coded value's share");
        assertTrue(ks(values(realRows, 1), values(synth, 1)) < 0.03, "score KS");
        assertEquals(nulls(realRows, 1), nulls(synth, 1), 0.01, "score's null share");
        Map<String, Double> realKinds = kinds(realRows);
        Map<String, Double> synthKinds = kinds(synth);
        for (String k : realKinds.keySet()) {
            assertEquals(realKinds.get(k), synthKinds.getOrDefault(k, 0.0), 0.015, "share of " + k);
        }

        // the uncalibrated model is measurably off, or this test would prove nothing
        List<Row> before = SyntheticGenerator.generate(spark, raw, 20_000, 4, 7).collectAsList();
        double worst = Math.max(ks(r, values(before, 0)), ks(values(realRows, 1), values(before, 1)));
        assertTrue(worst > 0.1, "a two-epoch model's marginals should be off before calibration: KS " + worst);
    }

    @Test
    void valuesKeepTheirOrder() {
        GanModel model = copy(raw);
        MarginalCalibrator.calibrate(model, real, 5_000, 42);
        ColumnTransform income = model.transform().columns.get(0);
        assertTrue(income.calibrated());
        float[] slice = new float[income.width()];
        // equal generated values (a clamped end) get ranks drawn over their run, so the order holds
        // between distinct generated values: each decodes at or above all that came from lower ones
        SplittableRandom rng = new SplittableRandom(5);
        double floor = Double.NEGATIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        double previousGenerated = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 200; i++) {
            Arrays.fill(slice, 0f);
            slice[0] = -1f + i / 100f;
            int range = income.components.indexOf(income.components.stream().filter(c -> !c.pointMass())
                    .findFirst().orElseThrow());
            if (income.hasChoice()) {
                slice[income.valueWidth() + range] = 1f;
            }
            double generated = income.uncalibrated(slice, 0);
            assertTrue(generated >= previousGenerated);
            if (generated > previousGenerated) {
                floor = highest;
                previousGenerated = generated;
            }
            double x = ((Number) income.decode(slice, 0, rng)).doubleValue();
            assertTrue(x >= floor, "calibrated values rise with the generated ones at alpha " + slice[0]);
            highest = Math.max(highest, x);
        }
    }

    @Test
    void theSameModelDataAndSeedGiveTheSameCalibrationWhateverThePartitioning() {
        GanModel a = copy(raw);
        GanModel b = copy(raw);
        MarginalCalibrator.calibrate(a, real.coalesce(1), 5_000, 42);
        MarginalCalibrator.calibrate(b, real.repartition(5), 5_000, 42);
        assertEquals(a.transform().toJson(), b.transform().toJson());
        GanModel c = copy(raw);
        MarginalCalibrator.calibrate(c, real, 5_000, 43);
        assertFalse(a.transform().toJson().equals(c.transform().toJson()), "another seed, other generated rows");
    }

    /** A fresh copy through the model directory (calibration changes the transform in place). */
    private static GanModel copy(GanModel m) {
        m.save(spark.sparkContext().hadoopConfiguration(), dir.resolve("raw").toString());
        return GanModel.load(spark.sparkContext().hadoopConfiguration(), dir.resolve("raw").toString());
    }

    private static double[] values(List<Row> rows, int i) {
        return rows.stream().filter(r -> !r.isNullAt(i)).mapToDouble(r -> r.getDouble(i)).sorted().toArray();
    }

    private static double share(double[] v, double x) {
        return Arrays.stream(v).filter(y -> y == x).count() / (double) v.length;
    }

    private static double nulls(List<Row> rows, int i) {
        return rows.stream().filter(r -> r.isNullAt(i)).count() / (double) rows.size();
    }

    private static Map<String, Double> kinds(List<Row> rows) {
        Map<String, Double> m = new HashMap<>();
        rows.forEach(r -> m.merge(r.getString(2), 1.0 / rows.size(), Double::sum));
        return m;
    }

    /** Two-sample Kolmogorov-Smirnov statistic of sorted arrays. */
    static double ks(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }
}
