package io.sparksynth.evaluate;

import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.io.Progress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metrics against hand-computable cases and the textbook definitions. */
class MetricDefinitionsTest {

    @Test
    void exactKolmogorovSmirnovMatchesTheTextbookDefinition() {
        SparkSession spark = TestSpark.session();
        Random r = new Random(3);
        double[] a = new double[700];
        double[] b = new double[450];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.round(r.nextGaussian() * 20) / 4.0; // ties on purpose
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.round((r.nextGaussian() * 22 + 3)) / 4.0;
        }
        Dataset<Row> ra = table(spark, a).repartition(3);
        Dataset<Row> rb = table(spark, b).repartition(5);
        double ks = KolmogorovSmirnov.statistics(ra, rb, List.of("x")).get("x");
        assertEquals(textbookKs(a, b), ks, 1e-12);
        assertEquals(0.0, KolmogorovSmirnov.statistics(ra, ra, List.of("x")).get("x"), 1e-12);
    }

    static double textbookKs(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        double d = 0;
        for (double x : all) {
            double fa = Arrays.stream(a).filter(v -> v <= x).count() / (double) a.length;
            double fb = Arrays.stream(b).filter(v -> v <= x).count() / (double) b.length;
            d = Math.max(d, Math.abs(fa - fb));
        }
        return d;
    }

    static Dataset<Row> table(SparkSession spark, double[] x) {
        List<Row> rows = new ArrayList<>();
        for (double v : x) {
            rows.add(RowFactory.create(v));
        }
        return spark.createDataFrame(rows, new StructType().add("x", DataTypes.DoubleType));
    }

    @Test
    void identicalTablesScoreOneAndShuffledColumnsLosePairTrendsButKeepShapes() {
        SparkSession spark = TestSpark.session();
        Random r = new Random(8);
        List<Row> real = new ArrayList<>();
        List<Row> shuffled = new ArrayList<>();
        int n = 2000;
        double[] xs = new double[n];
        String[] cs = new String[n];
        for (int i = 0; i < n; i++) {
            xs[i] = r.nextGaussian();
            cs[i] = xs[i] > 0.3 ? "high" : (xs[i] < -0.5 ? "low" : "mid");
            real.add(RowFactory.create(xs[i], 2 * xs[i] + 0.1 * r.nextGaussian(), cs[i]));
        }
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perm.add(i);
        }
        java.util.Collections.shuffle(perm, r);
        for (int i = 0; i < n; i++) {
            Row src = real.get(i);
            shuffled.add(RowFactory.create(src.get(0), real.get(perm.get(i)).get(1),
                    real.get(perm.get((i + 7) % n)).get(2)));
        }
        // a dotted name (as a flattened struct leaf has): every metric must quote it
        StructType schema = new StructType().add("s.a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.StringType);
        Dataset<Row> realDf = spark.createDataFrame(real, schema);
        Dataset<Row> shufDf = spark.createDataFrame(shuffled, schema);
        List<ColumnSpec> specs = List.of(new ColumnSpec("s.a", "double", ColumnKind.CONTINUOUS, false),
                new ColumnSpec("b", "double", ColumnKind.CONTINUOUS, false),
                new ColumnSpec("c", "string", ColumnKind.CATEGORICAL, false));
        SynthConfig cfg = SynthConfig.load(null, List.of("evaluate.sample-rows=2000"));

        Metrics same = Evaluator.evaluate(new EvaluationInput(realDf, realDf, realDf, null, specs,
                cfg.evaluate, 1, List.of()), Progress.silent()).metrics();
        assertEquals(1.0, same.columnShapes(), 1e-12);
        assertEquals(1.0, same.columnPairTrends(), 1e-12);
        assertEquals(0.0, same.correlationMad(), 1e-12);
        assertEquals(0.5, same.detectionAuc(), 0.1, "identical tables cannot be told apart");
        assertEquals(1.0, same.privacy().exactMatchRate(), 1e-12, "a copied table is all copies");
        assertEquals(0.0, same.privacy().dcrSynthP5(), 1e-12);

        Metrics shuf = Evaluator.evaluate(new EvaluationInput(realDf, shufDf, realDf, null, specs,
                cfg.evaluate, 1, List.of()), Progress.silent()).metrics();
        assertEquals(1.0, shuf.columnShapes(), 1e-12, "shuffling keeps every marginal");
        assertTrue(shuf.columnPairTrends() < 0.8, "pair trends drop: " + shuf.columnPairTrends());
        assertTrue(shuf.correlationMad() > 0.9, "r(a,b) ~ 1 becomes ~ 0");
        assertTrue(shuf.detectionAuc() > 0.9, "trees see the broken relation: " + shuf.detectionAuc());
    }

    @Test
    void syntheticValuesTheRealTableLacksStayWithinTheTreesBins() {
        // fresh stand-ins for rare values give a synthetic column hundreds of values the real one
        // lacks; the learned metrics' indexers must fold them, not fail on the trees' 128 bins
        SparkSession spark = TestSpark.session();
        Random r = new Random(5);
        List<Row> real = new ArrayList<>();
        List<Row> synth = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double x = r.nextGaussian();
            String label = x > 0 ? "pos" : "neg";
            real.add(RowFactory.create(x, "v" + r.nextInt(3), label));
            synth.add(RowFactory.create(r.nextGaussian(), "fresh-" + i, label));
        }
        StructType schema = new StructType().add("x", DataTypes.DoubleType).add("d", DataTypes.StringType)
                .add("y", DataTypes.StringType);
        Dataset<Row> realDf = spark.createDataFrame(real, schema);
        Dataset<Row> synthDf = spark.createDataFrame(synth, schema);
        List<ColumnSpec> specs = List.of(new ColumnSpec("x", "double", ColumnKind.CONTINUOUS, false),
                new ColumnSpec("d", "string", ColumnKind.CATEGORICAL, false),
                new ColumnSpec("y", "string", ColumnKind.CATEGORICAL, false));
        SynthConfig cfg = SynthConfig.load(null, List.of("evaluate.sample-rows=600", "evaluate.target=y"));
        Metrics m = Evaluator.evaluate(new EvaluationInput(realDf, synthDf, realDf, realDf, specs,
                cfg.evaluate, 1, List.of()), Progress.silent()).metrics();
        assertTrue(m.detectionAuc() > 0.9, "an unseen column value gives synthetic rows away: " + m.detectionAuc());
        assertTrue(m.mlEfficacy() != null, "ML efficacy ran");
    }

    @Test
    void tvdAndPairTrendFormulas() {
        long[] a = {30, 10, 0, 60};
        long[] b = {25, 25, 25, 25};
        // 0.5 * (|0.30-0.25| + |0.10-0.25| + |0-0.25| + |0.60-0.25|) = 0.4
        assertEquals(0.4, PairTrends.jointTvd(a, b), 1e-12);
        assertEquals(0.0, PairTrends.jointTvd(a, new long[]{3, 1, 0, 6}), 1e-12);
        // a 2x2 table with perfect association has Cramer's V 1, an independent one 0
        assertEquals(1.0, PairTrends.cramersV(new long[]{50, 0, 0, 50}, 2, 2), 1e-12);
        assertEquals(0.0, PairTrends.cramersV(new long[]{25, 25, 25, 25}, 2, 2), 1e-12);
    }
}
