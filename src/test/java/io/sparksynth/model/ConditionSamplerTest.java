package io.sparksynth.model;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.preprocess.Block;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.Component;
import io.sparksynth.preprocess.TableTransform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training-by-sampling on a hand-built four-column table, through the public API only. Draw
 * frequencies are checked against what the class promises (column uniform; slot by log-frequency
 * when training, by real frequency when generating) within 4.5 binomial standard deviations of
 * 200,000 seeded draws: wide enough never to flake, narrow enough that swapping the two weightings
 * or ignoring the mask fails by hundreds of standard deviations.
 */
@Tag("fast")
class ConditionSamplerTest {
    private static final int DRAWS = 200_000;
    /** color: red, green, blue; not nullable */
    private static final double[] COLOR_SHARES = {0.6, 0.3, 0.1};
    /** city: a, b, "other" (c, d), null, with 20 % nulls: shares of all rows */
    private static final double[] CITY_SHARES = {0.7 * 0.8, 0.2 * 0.8, 0.1 * 0.8, 0.2};

    /**
     * Encoded layout (width 11): income value [0], income mode [1..2], color [3..5], age value [6],
     * city [7..10]. Only color and city are condition columns: the condition vector is color [0..2]
     * then city [3..6].
     */
    static TableTransform table() {
        ColumnTransform income = new ColumnTransform();
        income.spec = new ColumnSpec("income", "double", ColumnKind.CONTINUOUS, false);
        income.min = 0;
        income.max = 100;
        income.components.add(new Component(false, 20, 40, 0.5));
        income.components.add(new Component(false, 70, 40, 0.5));

        ColumnTransform color = new ColumnTransform();
        color.spec = new ColumnSpec("color", "string", ColumnKind.CATEGORICAL, false);
        color.categories.addAll(List.of("red", "green", "blue"));
        color.categoryShares.addAll(List.of(0.6, 0.3, 0.1));

        ColumnTransform age = new ColumnTransform();
        age.spec = new ColumnSpec("age", "int", ColumnKind.CONTINUOUS, false);
        age.min = 18;
        age.max = 90;
        age.components.add(new Component(false, 54, 36, 1));

        ColumnTransform city = new ColumnTransform();
        city.spec = new ColumnSpec("city", "string", ColumnKind.CATEGORICAL, true);
        city.nullShare = 0.2;
        city.categories.addAll(List.of("a", "b"));
        city.categoryShares.addAll(List.of(0.7, 0.2));
        city.otherValues.addAll(List.of("c", "d"));
        city.otherWeights.addAll(List.of(0.06, 0.04));
        city.otherShare = 0.1;
        return new TableTransform(List.of(income, color, age, city));
    }

    @Test
    void blocksAreTheCategoricalChoiceBlocksAndTheVectorConcatenatesThem() {
        TableTransform t = table();
        assertEquals(11, t.width(), "the layout this test assumes");
        ConditionSampler s = new ConditionSampler(t, true);
        assertEquals(List.of(new Block(3, 3, true, 1), new Block(7, 4, true, 3)), s.blocks(),
                "color and city, not the continuous mode block of income");
        assertEquals(2, s.columns());
        assertEquals(3 + 4, s.dim());

        ConditionSampler off = new ConditionSampler(t, false);
        assertEquals(0, off.dim());
        assertEquals(0, off.columns());
        assertTrue(off.blocks().isEmpty());

        ConditionSampler none = new ConditionSampler(new TableTransform(List.of(t.columns.get(0), t.columns.get(2))),
                true);
        assertEquals(0, none.dim(), "no categorical column, no condition");
    }

    @Test
    void eachRowIsOneHotAtItsColumnsOffsetPlusItsSlot() {
        ConditionSampler s = new ConditionSampler(table(), true);
        int[] condOffset = {0, 3}; // color's block first, then city's
        for (boolean training : new boolean[]{true, false}) {
            Draws d = draw(s, training, null, 17, 10_000);
            for (int i = 0; i < d.rows; i++) {
                int at = condOffset[d.column[i]] + d.slot[i];
                assertTrue(d.slot[i] >= 0 && d.slot[i] < s.blocks().get(d.column[i]).width(), "slot inside its block");
                for (int k = 0; k < s.dim(); k++) {
                    assertEquals(k == at ? 1f : 0f, d.cond[i * s.dim() + k],
                            "row " + i + " (column " + d.column[i] + ", slot " + d.slot[i] + "), position " + k);
                }
            }
        }
    }

    @Test
    void generatingDrawsColumnsUniformlyAndSlotsByRealFrequency() {
        ConditionSampler s = new ConditionSampler(table(), true);
        Draws d = draw(s, false, null, 1, DRAWS);
        assertFrequencies(d, new double[][]{COLOR_SHARES, CITY_SHARES});
    }

    @Test
    void trainingDrawsColumnsUniformlyAndSlotsByLogFrequency() {
        ConditionSampler s = new ConditionSampler(table(), true);
        Draws d = draw(s, true, null, 2, DRAWS);
        assertFrequencies(d, new double[][]{logFrequency(COLOR_SHARES), logFrequency(CITY_SHARES)});
    }

    @Test
    void aMaskedSlotIsNeverDrawnAndTheOthersKeepTheirRelativeWeights() {
        ConditionSampler s = new ConditionSampler(table(), true);
        boolean[][] available = {{false, true, true}, {true, true, false, true}};
        for (boolean training : new boolean[]{true, false}) {
            double[][] weights = training ? new double[][]{logFrequency(COLOR_SHARES), logFrequency(CITY_SHARES)}
                    : new double[][]{COLOR_SHARES.clone(), CITY_SHARES.clone()};
            for (int j = 0; j < weights.length; j++) {
                for (int k = 0; k < weights[j].length; k++) {
                    weights[j][k] = available[j][k] ? weights[j][k] : 0;
                }
            }
            Draws d = draw(s, training, available, training ? 3 : 4, DRAWS);
            int[][] counts = d.counts();
            assertEquals(0, counts[0][0], "masked red drawn (training " + training + ")");
            assertEquals(0, counts[1][2], "masked city 'other' drawn (training " + training + ")");
            assertFrequencies(d, weights);
        }
    }

    @Test
    void aMaskThatLeavesOneSlotAlwaysDrawsIt() {
        ConditionSampler s = new ConditionSampler(table(), true);
        boolean[][] available = {{false, false, true}, {false, false, false, true}};
        Draws d = draw(s, true, available, 5, 5_000);
        int[][] counts = d.counts();
        assertEquals(counts[0][2], Arrays.stream(counts[0]).sum(), "only blue is left");
        assertEquals(counts[1][3], Arrays.stream(counts[1]).sum(), "only null is left");
    }

    @Test
    void theSameSeedDrawsTheSameConditions() {
        ConditionSampler s = new ConditionSampler(table(), true);
        Draws a = draw(s, true, null, 6, 1_000);
        Draws b = draw(s, true, null, 6, 1_000);
        assertArrayEquals(a.cond, b.cond);
        assertArrayEquals(a.slot, b.slot);
    }

    @Test
    void indexListsTheRowsHoldingEachSlot() {
        TableTransform t = table();
        ConditionSampler s = new ConditionSampler(t, true);
        Object[][] values = {
                {10.0, "red", 30, "a"},
                {80.0, "blue", 40, null},
                {50.0, "red", 50, "d"},   // a rare spelling: city's "other" slot
                {20.0, "green", 60, "b"},
                {90.0, "purple", 70, "a"}, // unseen, no "other" for color: its first slot
        };
        int width = t.width();
        float[] rows = new float[values.length * width];
        for (int r = 0; r < values.length; r++) {
            int offset = r * width;
            for (int c = 0; c < values[r].length; c++) {
                t.columns.get(c).encode(values[r][c], rows, offset);
                offset += t.columns.get(c).width();
            }
        }
        List<List<int[]>> index = s.index(rows, values.length, width);
        assertEquals(2, index.size());
        assertSlots(index.get(0), new int[]{0, 2, 4}, new int[]{3}, new int[]{1});
        assertSlots(index.get(1), new int[]{0, 4}, new int[]{3}, new int[]{2}, new int[]{1});
        // only the first rows count
        List<List<int[]>> firstTwo = s.index(rows, 2, width);
        assertSlots(firstTwo.get(0), new int[]{0}, new int[]{}, new int[]{1});
    }

    private static void assertSlots(List<int[]> bySlot, int[]... expected) {
        assertEquals(expected.length, bySlot.size(), "one entry per slot");
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], bySlot.get(k), "rows of slot " + k);
        }
    }

    // ---- helpers

    /** The documented training weights: log(1 + count) with shares counted per million rows. */
    private static double[] logFrequency(double[] shares) {
        return Arrays.stream(shares).map(p -> Math.log1p(p * 1e6)).toArray();
    }

    /**
     * Each column is drawn with probability 1/2, then a slot with its weight's share of the
     * column's: every (column, slot) count must be within 4.5 binomial sds of the expectation.
     */
    private static void assertFrequencies(Draws d, double[][] weights) {
        int[][] counts = d.counts();
        for (int j = 0; j < weights.length; j++) {
            double columnTotal = Arrays.stream(counts[j]).sum();
            assertWithinBinomial(0.5, columnTotal, d.rows, "column " + j);
            double sum = Arrays.stream(weights[j]).sum();
            for (int k = 0; k < weights[j].length; k++) {
                double p = 0.5 * weights[j][k] / sum;
                assertWithinBinomial(p, counts[j][k], d.rows, "column " + j + " slot " + k
                        + " (counts " + Arrays.toString(counts[j]) + ")");
            }
        }
    }

    private static void assertWithinBinomial(double p, double count, int n, String what) {
        double expected = p * n;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - expected) <= 4.5 * sd + 1e-9, what + ": drawn " + count + " times, expected "
                + Math.round(expected) + " +- " + Math.round(4.5 * sd) + " (p = " + p + ")");
    }

    private static Draws draw(ConditionSampler s, boolean training, boolean[][] available, long seed, int rows) {
        Draws d = new Draws(rows, s.dim());
        s.sample(rows, training, available, new SplittableRandom(seed), d.cond, d.column, d.slot);
        return d;
    }

    private static final class Draws {
        final int rows;
        final float[] cond;
        final int[] column;
        final int[] slot;

        Draws(int rows, int dim) {
            this.rows = rows;
            this.cond = new float[rows * dim];
            this.column = new int[rows];
            this.slot = new int[rows];
        }

        /** Draws per [column][slot] (color has 3 slots, city 4). */
        int[][] counts() {
            int[][] c = {new int[3], new int[4]};
            for (int i = 0; i < rows; i++) {
                c[column[i]][slot[i]]++;
            }
            return c;
        }
    }
}
