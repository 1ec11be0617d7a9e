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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pair metrics on wide tables: a bounded, seeded, stated sample of the pairs with a categorical column. */
class PairSelectionTest {

    /** {@code cont} continuous columns, then {@code cat} categorical ones of {@code values} categories. */
    static ColumnCoder coder(int cont, int cat, int values) {
        int n = cont + cat;
        boolean[] continuous = new boolean[n];
        double[][] cuts = new double[n][];
        List<List<String>> cats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            continuous[i] = i < cont;
            cuts[i] = continuous[i] ? new double[]{-1, 0, 1} : new double[0];
            List<String> v = new ArrayList<>();
            for (int k = 0; !continuous[i] && k < values; k++) {
                v.add("v" + k);
            }
            cats.add(v);
        }
        return new ColumnCoder(continuous, cuts, new double[n], cats);
    }

    @Test
    void aNarrowTableKeepsEveryPair() {
        PairSelection s = PairSelection.choose(coder(5, 10, 20), 2000, PairStats.MAX_CELLS, 1);
        assertFalse(s.sampled());
        assertEquals(15 * 14 / 2, s.size());
        assertTrue(s.describe().startsWith("all 10 pairs of two continuous columns and all 95"), s.describe());
    }

    @Test
    void aWideTableKeepsEveryContinuousPairAndASeededBoundedSampleOfTheRest() {
        ColumnCoder coder = coder(150, 150, 100);
        PairSelection s = PairSelection.choose(coder, 2000, PairStats.MAX_CELLS, 7);
        assertTrue(s.sampled());
        assertEquals(150 * 149 / 2, s.continuousPairs);
        assertEquals(300 * 299 / 2 - 150 * 149 / 2, s.mixedTotal);
        long cells = 0;
        int mixed = 0;
        Set<Long> seen = new HashSet<>();
        for (int p = 0; p < s.size(); p++) {
            assertTrue(s.a[p] < s.b[p]);
            assertTrue(seen.add((long) s.a[p] * 1000 + s.b[p]), "no pair twice");
            if (!(coder.continuous(s.a[p]) && coder.continuous(s.b[p]))) {
                mixed++;
                cells += (long) coder.cardinality(s.a[p]) * coder.cardinality(s.b[p]);
            }
        }
        assertEquals(s.mixedKept, mixed);
        assertTrue(mixed > 0 && mixed <= 2000, "kept " + mixed);
        assertTrue(cells <= PairStats.MAX_CELLS, cells + " contingency counts");
        // pairs of two categorical columns cost 102 x 102 counts, mixed ones 102 x 5: the budget binds
        assertTrue(s.describe().contains(mixed + " of the " + s.mixedTotal), s.describe());

        PairSelection again = PairSelection.choose(coder, 2000, PairStats.MAX_CELLS, 7);
        assertArrayEquals(s.a, again.a);
        assertArrayEquals(s.b, again.b);
        PairSelection other = PairSelection.choose(coder, 2000, PairStats.MAX_CELLS, 8);
        assertFalse(Arrays.equals(s.a, other.a) && Arrays.equals(s.b, other.b), "another seed, other pairs");
    }

    @Test
    void theEvaluatorScoresASampleOfPairsAndSaysSo() {
        SparkSession spark = TestSpark.session();
        Random r = new Random(5);
        StructType schema = new StructType();
        int cont = 4;
        int cat = 10;
        for (int i = 0; i < cont; i++) {
            schema = schema.add("x" + i, DataTypes.DoubleType);
        }
        for (int i = 0; i < cat; i++) {
            schema = schema.add("c" + i, DataTypes.StringType);
        }
        List<Row> rows = new ArrayList<>();
        List<Row> independent = new ArrayList<>();
        for (int k = 0; k < 800; k++) {
            double z = r.nextGaussian();
            Object[] v = new Object[cont + cat];
            Object[] w = new Object[cont + cat];
            for (int i = 0; i < cont; i++) {
                v[i] = z + 0.3 * r.nextGaussian();
                w[i] = r.nextGaussian() + 0.3 * r.nextGaussian();
            }
            for (int i = 0; i < cat; i++) {
                v[cont + i] = z > 0.4 * (i % 3) - 0.4 ? "a" : "b";
                w[cont + i] = r.nextGaussian() > 0.4 * (i % 3) - 0.4 ? "a" : "b";
            }
            rows.add(RowFactory.create(v));
            independent.add(RowFactory.create(w));
        }
        Dataset<Row> real = spark.createDataFrame(rows, schema);
        Dataset<Row> synth = spark.createDataFrame(independent, schema);
        List<ColumnSpec> specs = new ArrayList<>();
        for (int i = 0; i < cont + cat; i++) {
            specs.add(new ColumnSpec(i < cont ? "x" + i : "c" + (i - cont), i < cont ? "double" : "string",
                    i < cont ? ColumnKind.CONTINUOUS : ColumnKind.CATEGORICAL, false));
        }
        SynthConfig cfg = SynthConfig.load(null, List.of("evaluate.sample-rows=1000", "evaluate.max-pairs=30"));
        Metrics same = Evaluator.evaluate(new EvaluationInput(real, real, null, null, specs, cfg.evaluate, 3,
                List.of()), Progress.silent()).metrics();
        int all = (cont + cat) * (cont + cat - 1) / 2;
        int continuousPairs = cont * (cont - 1) / 2;
        assertEquals(continuousPairs + 30, same.columnPairs().size());
        assertEquals(1.0, same.columnPairTrends(), 1e-12);
        assertTrue(same.estimation().pairs().contains("30 of the " + (all - continuousPairs)),
                same.estimation().pairs());
        Metrics other = Evaluator.evaluate(new EvaluationInput(real, synth, null, null, specs, cfg.evaluate, 3,
                List.of()), Progress.silent()).metrics();
        assertEquals(same.columnPairs().keySet(), other.columnPairs().keySet(), "the same pairs on both sides");
        assertTrue(other.columnPairTrends() < 0.95, "independent columns lose pair trends: "
                + other.columnPairTrends());
    }
}
