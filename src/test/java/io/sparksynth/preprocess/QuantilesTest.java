package io.sparksynth.preprocess;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quantile table's CDF and inverse against values worked out by hand on five-point tables
 * (probabilities 0, .25, .5, .75, 1), so a wrong index, interpolation or tie rule shows as a
 * wrong number rather than as a slightly worse synthetic column much later.
 */
@Tag("fast")
class QuantilesTest {
    private static final double EPS = 1e-12;
    private static final List<Double> EVEN = List.of(0.0, 10.0, 20.0, 30.0, 40.0);
    /** a point mass in the middle: 5 is held by the 25 %, 50 % and 75 % quantiles */
    private static final List<Double> MIDDLE_RUN = List.of(0.0, 5.0, 5.0, 5.0, 10.0);
    /** the column's minimum repeated: a flat run at the lower end */
    private static final List<Double> LOW_RUN = List.of(0.0, 0.0, 0.0, 4.0, 8.0);
    /** the column's maximum repeated: a flat run at the upper end */
    private static final List<Double> HIGH_RUN = List.of(0.0, 4.0, 8.0, 8.0, 8.0);
    private static final List<Double> CONSTANT = List.of(3.0, 3.0, 3.0, 3.0, 3.0);

    @ParameterizedTest(name = "cdf({0}) = {1}")
    @CsvSource({
            "0, 0", "10, 0.25", "20, 0.5", "40, 1",          // table points
            "15, 0.375", "37.5, 0.9375", "2.5, 0.0625",      // linear between them
            "-5, 0", "-1e300, 0", "40.000001, 1", "1e300, 1"  // outside the table
    })
    void cdfOfAnEvenTable(double x, double expected) {
        assertEquals(expected, cdf(EVEN, x), EPS);
    }

    @ParameterizedTest(name = "inverse({0}) = {1}")
    @CsvSource({
            "0, 0", "0.25, 10", "0.5, 20", "1, 40",
            "0.375, 15", "0.9375, 37.5", "0.0625, 2.5", "0.999, 39.96",
            "-0.5, 0", "-1e9, 0", "1.0000001, 40", "7, 40"  // clamped to the ends
    })
    void inverseOfAnEvenTable(double u, double expected) {
        assertEquals(expected, inverse(EVEN, u), 1e-9);
    }

    @Test
    void aValueOnAFlatRunGetsTheMiddleOfTheRun() {
        // the run covers indices 1..3 of 4 intervals: its middle is index 2, probability 0.5
        assertEquals(0.5, cdf(MIDDLE_RUN, 5), EPS);
        // on either side the interpolation uses the run's outer ends
        assertEquals(0.125, cdf(MIDDLE_RUN, 2.5), EPS);
        assertEquals(0.875, cdf(MIDDLE_RUN, 7.5), EPS);
        // and the whole run decodes to the point mass
        for (double u = 0.25; u <= 0.75; u += 0.01) {
            assertEquals(5, inverse(MIDDLE_RUN, u), EPS, "inverse(" + u + ")");
        }
    }

    @Test
    void aFlatRunAtEitherEndAlsoGetsItsMiddle() {
        // the minimum held by indices 0..2: middle index 1, probability 0.25 (not 0)
        assertEquals(0.25, cdf(LOW_RUN, 0), EPS);
        assertEquals(0, cdf(LOW_RUN, -1), EPS);
        assertEquals(0.625, cdf(LOW_RUN, 2), EPS);
        // the maximum held by indices 2..4: middle index 3, probability 0.75 (not 1)
        assertEquals(0.75, cdf(HIGH_RUN, 8), EPS);
        assertEquals(1, cdf(HIGH_RUN, 9), EPS);
        assertEquals(0.375, cdf(HIGH_RUN, 6), EPS);
        // a constant column: everything is one run
        assertEquals(0.5, cdf(CONSTANT, 3), EPS);
        assertEquals(0, cdf(CONSTANT, 2.9), EPS);
        assertEquals(1, cdf(CONSTANT, 3.1), EPS);
        assertEquals(3, inverse(CONSTANT, 0.5), EPS);
    }

    @Test
    void discreteColumnsKeepTheirDistinctValuesAndDecodeToTheNearest() {
        // 40 and 45 held by most rows, 43 by none: interpolating between them would make 41..44
        double[] sorted = new double[200];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i < 10 ? 20 : i < 130 ? 40 : i < 189 ? 45 : i < 199 ? 60 : 88;
        }
        List<Double> support = Quantiles.support(sorted);
        assertEquals(List.of(20.0, 40.0, 45.0, 60.0, 88.0), support);
        assertEquals(40, nearest(support, 42.4), EPS);
        assertEquals(40, nearest(support, 42.5), EPS, "a tie goes to the lower value");
        assertEquals(45, nearest(support, 42.6), EPS);
        assertEquals(20, nearest(support, -1e9), EPS);
        assertEquals(88, nearest(support, 1e9), EPS);
        assertEquals(88, nearest(support, 88), EPS, "a value held by one row stays reachable");
        // one distinct value per 10 sample values is the bound
        double[] spread = new double[200];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = i / 9;
        }
        assertTrue(Quantiles.support(spread).isEmpty(), "23 values in 200 rows are not discrete");
        double[] twenty = new double[200];
        for (int i = 0; i < twenty.length; i++) {
            twenty[i] = i / 10;
        }
        assertEquals(20, Quantiles.support(twenty).size());
    }

    @Test
    void aValueOnAFlatRunGetsARankDrawnOverTheRunWhenARandomSourceIsGiven() {
        double[] q = Quantiles.values(MIDDLE_RUN); // 5 holds ranks 0.25 to 0.75
        SplittableRandom rng = new SplittableRandom(7);
        double low = 1;
        double high = 0;
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double u = Quantiles.cdf(q, 5, rng);
            assertTrue(u >= 0.25 && u <= 0.75, "inside the run: " + u);
            low = Math.min(low, u);
            high = Math.max(high, u);
            sum += u;
        }
        assertTrue(low < 0.26 && high > 0.74, "the whole run is reached: " + low + " .. " + high);
        assertEquals(0.5, sum / n, 0.005, "uniform over the run");
        // off a run, and outside the table, exactly the plain cdf, and no draw is made
        SplittableRandom untouched = new SplittableRandom(7);
        for (double x : new double[]{-1, 0, 2.5, 7.5, 10, 11}) {
            assertEquals(cdf(MIDDLE_RUN, x), Quantiles.cdf(q, x, untouched), EPS);
        }
        assertEquals(new SplittableRandom(7).nextLong(), untouched.nextLong());
    }

    /**
     * The marginal calibration's round trip on a discrete column: a generator that puts 40 % of its
     * rows on one value must still come out with the real shares of the real values, not with 40 %
     * on the one real value at the middle of that run (what Adult's hours-per-week showed: 22 hours
     * for 5.9 % of the rows).
     */
    @Test
    void aGeneratedPointMassMapsOntoTheRealValuesOfItsSpanInTheirShares() {
        // real: the values 1..10, value v held by a share proportional to v
        double[] real = new double[5500];
        int k = 0;
        for (int v = 1; v <= 10; v++) {
            for (int i = 0; i < 100 * v; i++) {
                real[k++] = v;
            }
        }
        // generated: 40 % of the rows on 0.3, the rest spread over [0, 1]
        SplittableRandom draw = new SplittableRandom(11);
        double[] generated = new double[10_000];
        for (int i = 0; i < generated.length; i++) {
            generated[i] = i < 4000 ? 0.3 : draw.nextDouble();
        }
        double[] genSorted = generated.clone();
        Arrays.sort(genSorted);
        double[] marginal = Quantiles.values(Quantiles.fromSorted(real, 1, 10));
        double[] gen = Quantiles.values(Quantiles.fromSorted(genSorted, genSorted[0], genSorted[9999]));
        double[] support = Quantiles.values(Quantiles.support(real));
        SplittableRandom rng = new SplittableRandom(3);
        int[] counts = new int[11];
        for (double x : generated) {
            counts[(int) Quantiles.nearest(support, Quantiles.inverse(marginal, Quantiles.cdf(gen, x, rng)))]++;
        }
        for (int v = 1; v <= 10; v++) {
            double share = counts[v] / 10_000.0;
            assertEquals(v / 55.0, share, 0.012, "share of " + v + ": " + Arrays.toString(counts));
        }
    }

    @Test
    void bothDirectionsAreMonotone() {
        for (List<Double> q : List.of(EVEN, MIDDLE_RUN, LOW_RUN, HIGH_RUN, CONSTANT, sampleTable())) {
            double lo = q.get(0) - 1;
            double hi = q.get(q.size() - 1) + 1;
            double previous = -1;
            for (int i = 0; i <= 10_000; i++) {
                double x = lo + (hi - lo) * i / 10_000;
                double p = cdf(q, x);
                double before = previous;
                assertTrue(p >= previous && p >= 0 && p <= 1, () -> "cdf(" + x + ") = " + p + " after " + before);
                previous = p;
            }
            double previousX = Double.NEGATIVE_INFINITY;
            for (int i = -100; i <= 10_100; i++) {
                double u = i / 10_000.0;
                double x = inverse(q, u);
                double before = previousX;
                assertTrue(x >= previousX, () -> "inverse(" + u + ") = " + x + " after " + before);
                previousX = x;
            }
        }
    }

    @Test
    void inverseOfCdfRestoresInRangeValues() {
        SplittableRandom rng = new SplittableRandom(3);
        for (List<Double> q : List.of(EVEN, MIDDLE_RUN, LOW_RUN, HIGH_RUN, CONSTANT, sampleTable())) {
            double lo = q.get(0);
            double hi = q.get(q.size() - 1);
            for (int i = 0; i < 5_000; i++) {
                double x = i == 0 ? lo : i == 1 ? hi : lo + (hi - lo) * rng.nextDouble();
                assertEquals(x, inverse(q, cdf(q, x)), 1e-9 * Math.max(1, Math.abs(x)),
                        () -> "inverse(cdf(" + x + "))");
            }
            for (double table : q) {
                assertEquals(table, inverse(q, cdf(q, table)), 1e-9 * Math.max(1, Math.abs(table)));
            }
        }
    }

    @Test
    void cdfOfInverseRestoresProbabilitiesOfAStrictlyIncreasingTable() {
        for (int i = 0; i <= 1000; i++) {
            double u = i / 1000.0;
            assertEquals(u, cdf(EVEN, inverse(EVEN, u)), 1e-12);
        }
    }

    @Test
    void tableFromSortedValuesInterpolatesLikeNumpyAndSpansTheTrueRange() {
        double[] sorted = {1, 2, 3, 4, 5};
        List<Double> q = Quantiles.fromSorted(sorted, 0, 10);
        assertEquals(Quantiles.POINTS, q.size());
        assertEquals(0, q.get(0), EPS, "the true minimum, below the sample's");
        assertEquals(10, q.get(Quantiles.POINTS - 1), EPS, "the true maximum, above the sample's");
        assertEquals(2, q.get(250), EPS); // numpy.quantile([1,2,3,4,5], 0.25)
        assertEquals(3, q.get(500), EPS);
        assertEquals(3.04, q.get(510), EPS); // position 0.51 * 4 = 2.04
        assertEquals(4, q.get(750), EPS);
    }

    /** A realistic table: 1,001 quantiles of a skewed sample with a repeated value. */
    private static List<Double> sampleTable() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 7 == 0 ? 2.0 : Math.exp(rng.nextDouble() * 4);
        }
        Arrays.sort(x);
        return Quantiles.fromSorted(x, x[0], x[x.length - 1]);
    }

    // the tables as the tests write them (lists); decoding searches them as primitive arrays
    private static double cdf(List<Double> q, double x) {
        return Quantiles.cdf(Quantiles.values(q), x);
    }

    private static double inverse(List<Double> q, double u) {
        return Quantiles.inverse(Quantiles.values(q), u);
    }

    private static double nearest(List<Double> support, double x) {
        return Quantiles.nearest(Quantiles.values(support), x);
    }
}
