package io.sparksynth.train;

import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.TableTransform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap fidelity score of generated rows against a sample of the real ones, computed in the
 * encoded space on the driver while training runs: GAN losses say little about quality, so
 * training keeps the generator whose rows score best. Each column becomes a code (the one-hot
 * slot: category, null, point mass or mode; for a continuous value also its decile of the
 * encoded value, which the quantile transform spreads evenly); the score is the mean of the
 * column shapes (1 - total variation distance of each column's codes) and of the pair trends
 * (1 - TVD of the joint codes of each pair, at most {@value #MAX_PAIRS} pairs spread over the
 * table), both in [0, 1], higher is better. Vector columns are left out.
 */
final class ValidationScore {
    static final int MAX_PAIRS = 300;
    private static final int BINS = 10;

    private final TableTransform transform;
    private final List<Integer> columns = new ArrayList<>();
    private final List<int[]> pairs = new ArrayList<>();
    private final int[][] real;

    /** @param realRows encoded real rows, row-major, {@code n} of them */
    ValidationScore(TableTransform transform, float[] realRows, int n) {
        this.transform = transform;
        for (int i = 0; i < transform.columns.size(); i++) {
            if (!transform.columns.get(i).vector() && !transform.columns.get(i).derived()) { // derived: exact by construction
                columns.add(i);
            }
        }
        int all = columns.size() * (columns.size() - 1) / 2;
        int stride = Math.max(1, (all + MAX_PAIRS - 1) / MAX_PAIRS);
        int k = 0;
        for (int a = 0; a < columns.size(); a++) {
            for (int b = a + 1; b < columns.size(); b++) {
                if (k++ % stride == 0) {
                    pairs.add(new int[]{a, b});
                }
            }
        }
        this.real = codes(realRows, n);
    }

    /** The score of {@code n} encoded generated rows; NaN when the table has no scored column. */
    double score(float[] generated, int n) {
        if (columns.isEmpty()) {
            return Double.NaN;
        }
        int[][] synth = codes(generated, n);
        double shapes = 0;
        for (int c = 0; c < columns.size(); c++) {
            shapes += 1 - tvd(real[c], null, synth[c], null);
        }
        shapes /= columns.size();
        if (pairs.isEmpty()) {
            return shapes;
        }
        double trends = 0;
        for (int[] p : pairs) {
            trends += 1 - tvd(real[p[0]], real[p[1]], synth[p[0]], synth[p[1]]);
        }
        return (shapes + trends / pairs.size()) / 2;
    }

    /** Per scored column, the code of every row. */
    private int[][] codes(float[] rows, int n) {
        int width = transform.width();
        int[][] codes = new int[columns.size()][n];
        int[] offsets = new int[transform.columns.size()];
        for (int i = 1; i < offsets.length; i++) {
            offsets[i] = offsets[i - 1] + transform.columns.get(i - 1).width();
        }
        for (int c = 0; c < columns.size(); c++) {
            ColumnTransform t = transform.columns.get(columns.get(c));
            int value = t.valueWidth();
            for (int r = 0; r < n; r++) {
                int o = r * width + offsets[columns.get(c)];
                int slot = t.choiceOf(rows, o);
                int bin = 0;
                if (value > 0 && (slot >= t.components.size() || !t.components.get(slot).pointMass())) {
                    bin = (int) Math.min(BINS - 1, Math.max(0, Math.floor((rows[o] + 1) / 2 * BINS)));
                }
                codes[c][r] = slot * BINS + bin;
            }
        }
        return codes;
    }

    /** Total variation distance between the code distributions (pairs of codes when b is given). */
    private static double tvd(int[] a1, int[] b1, int[] a2, int[] b2) {
        Map<Long, double[]> counts = new HashMap<>();
        for (int r = 0; r < a1.length; r++) {
            counts.computeIfAbsent(key(a1, b1, r), k -> new double[2])[0] += 1.0 / a1.length;
        }
        for (int r = 0; r < a2.length; r++) {
            counts.computeIfAbsent(key(a2, b2, r), k -> new double[2])[1] += 1.0 / a2.length;
        }
        double d = 0;
        for (double[] c : counts.values()) {
            d += Math.abs(c[0] - c[1]);
        }
        return d / 2;
    }

    private static long key(int[] a, int[] b, int r) {
        return b == null ? a[r] : ((long) a[r] << 32) | (b[r] & 0xffffffffL);
    }
}
