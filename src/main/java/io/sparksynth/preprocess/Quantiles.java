package io.sparksynth.preprocess;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A column's empirical CDF as a table of quantiles at evenly spaced probabilities, with linear
 * interpolation both ways. Quantile normalisation maps a value to its rank in [0, 1], so skewed
 * and heavy-tailed columns reach the generator evenly spread instead of squeezed into one end.
 */
public final class Quantiles {
    static final int POINTS = 1001;
    /** Sample values per distinct value from which a column counts as discrete. */
    static final int RUN = 10;

    private Quantiles() {
    }

    /**
     * The rank of x in [0, 1]; a value on a flat run of the table gets the middle of the run, also
     * when the run is at either end (a repeated minimum or a top-coded maximum must not be pushed to
     * the tanh's -1 or +1, which the generator can only approach). The table as a primitive array
     * ({@link #values}): decoding searches it for every value.
     */
    public static double cdf(double[] q, double x) {
        return cdf(q, x, null);
    }

    /**
     * As {@link #cdf(double[], double)}, but a value on a flat run of the table gets a rank drawn
     * uniformly over the run with {@code rng} (the randomised probability integral transform of a
     * discrete distribution; null = the run's middle; no draw off a run). The marginal calibration
     * needs it: a generator that puts many rows on one value (a saturated output, a point mass) would
     * otherwise send them all to the run's middle, so to one real value, which then holds the run's
     * whole share (Adult's 22 hours a week: 5.9 % of the rows against 0.1 % real), a spike a
     * tree-based detector finds at once. Spread, the run covers the same span of real quantiles and
     * so the real values of that span, in their shares.
     */
    public static double cdf(double[] q, double x, RandomGenerator rng) {
        int m = q.length;
        if (x < q[0]) {
            return 0;
        }
        if (x > q[m - 1]) {
            return 1;
        }
        int hi = firstAtLeast(q, x);
        if (q[hi] == x) {
            // the run of x ends before the first entry above it: a second search, since a skewed
            // column's run (Adult's 40 hours a week) spans hundreds of the table's entries
            int end = firstAbove(q, x, hi) - 1;
            double within = end == hi ? 0 : rng == null ? 0.5 : rng.nextDouble();
            return (hi + within * (end - hi)) / (m - 1);
        }
        int lo = hi - 1;
        double a = q[lo];
        double b = q[hi];
        return (lo + (x - a) / (b - a)) / (m - 1);
    }

    /** The first index with q >= x, for q[0] <= x <= q[last]. */
    private static int firstAtLeast(double[] q, double x) {
        int lo = -1; // as if q[-1] = -infinity, so that a run starting at index 0 is found
        int hi = q.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] < x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** The first index after {@code from} with q > x, or q.length; q[from] <= x (or from = 0). */
    private static int firstAbove(double[] q, double x, int from) {
        int lo = from;
        int hi = q.length;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** A table as a primitive array. */
    public static double[] values(List<Double> q) {
        double[] a = new double[q.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = q.get(i);
        }
        return a;
    }

    /**
     * The table from sorted sample values (type-7 interpolation, as numpy's default), with the
     * column's true minimum and maximum as its ends so generated values span the real range.
     */
    public static List<Double> fromSorted(double[] sorted, double min, double max) {
        Double[] q = new Double[POINTS];
        int n = sorted.length;
        for (int i = 0; i < POINTS; i++) {
            double pos = (double) i / (POINTS - 1) * (n - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, n - 1);
            q[i] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
        q[0] = Math.min(q[0], min);
        q[POINTS - 1] = Math.max(q[POINTS - 1], max);
        return List.of(q);
    }

    /**
     * The distinct values of sorted sample values when the column is discrete: at most one distinct
     * value per {@code RUN} values on average (Adult's hours-per-week: 94 values in 26,000 rows, most
     * on multiples of 5); empty otherwise. Decoding such a column between two observed values (43
     * hours between 40 and 45) makes values the real column (nearly) never holds, which a detector
     * picks out at once: decoded values are moved to the nearest of these ({@link #nearest}).
     */
    public static List<Double> support(double[] sorted) {
        List<Double> values = new java.util.ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                values.add(sorted[i]);
                if ((long) values.size() * RUN > sorted.length) {
                    return List.of();
                }
            }
        }
        return sorted.length >= 2 ? List.copyOf(values) : List.of();
    }

    /** The value of the sorted {@code support} nearest to x (the lower one on a tie). */
    public static double nearest(double[] support, double x) {
        int hi = Math.min(firstAbove(support, x, 0), support.length - 1);
        double a = support[Math.max(hi - 1, 0)];
        double b = support[hi];
        return Math.abs(x - a) <= Math.abs(b - x) ? a : b;
    }

    public static double inverse(double[] q, double u) {
        int m = q.length;
        double pos = Math.max(0, Math.min(1, u)) * (m - 1);
        int i = (int) Math.floor(pos);
        if (i >= m - 1) {
            return q[m - 1];
        }
        double f = pos - i;
        return q[i] + f * (q[i + 1] - q[i]);
    }
}
