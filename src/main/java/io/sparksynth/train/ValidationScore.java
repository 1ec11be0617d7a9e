package io.sparksynth.train;

import io.sparksynth.data.VectorGroups;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.TableTransform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap fidelity score of generated rows against a sample of the real ones, computed in the
 * encoded space on the driver while training runs: GAN losses say little about quality, so
 * training keeps the generator whose rows score best. Each scored feature becomes a code: for a
 * column, the one-hot slot (category, null, point mass or mode) and, for a continuous value, its
 * decile of the encoded value, which the quantile transform spreads evenly; a vector column gives
 * one feature per {@link VectorGroups element group} (an image cell), coded by its mean's tenth of
 * the encoded range [-1, 1] (or null), so that image tables are scored too: fixed tenths rather
 * than the real means' deciles, because a real cell that is blank in most rows would make any
 * faint speckle as wrong as a stroke. The score is
 * the mean of the shapes (1 - total variation distance of each feature's codes) and of the pair
 * trends (1 - TVD of the joint codes of each pair, at most {@value #MAX_PAIRS} pairs spread over
 * the table), both in [0, 1], higher is better.
 */
final class ValidationScore {
    static final int MAX_PAIRS = 300;
    private static final int BINS = 10;

    /** A table column ({@code elements} null), or one element group of a vector column. */
    private record Feature(int column, int[] elements) {
    }

    private final TableTransform transform;
    private final int[] offsets;
    private final List<Feature> features = new ArrayList<>();
    private final List<int[]> pairs = new ArrayList<>();
    private final int[][] real;

    /** @param realRows encoded real rows, row-major, {@code n} of them */
    ValidationScore(TableTransform transform, float[] realRows, int n) {
        this.transform = transform;
        this.offsets = new int[transform.columns.size()];
        for (int i = 1; i < offsets.length; i++) {
            offsets[i] = offsets[i - 1] + transform.columns.get(i - 1).width();
        }
        for (int i = 0; i < transform.columns.size(); i++) {
            ColumnTransform t = transform.columns.get(i);
            if (t.derived()) { // exact by construction
                continue;
            }
            if (!t.vector()) {
                features.add(new Feature(i, null));
                continue;
            }
            for (int[] group : VectorGroups.of(t.spec)) {
                features.add(new Feature(i, group));
            }
        }
        int all = features.size() * (features.size() - 1) / 2;
        int stride = Math.max(1, (all + MAX_PAIRS - 1) / MAX_PAIRS);
        int k = 0;
        for (int a = 0; a < features.size(); a++) {
            for (int b = a + 1; b < features.size(); b++) {
                if (k++ % stride == 0) {
                    pairs.add(new int[]{a, b});
                }
            }
        }
        this.real = codes(realRows, n);
    }

    /** The score of {@code n} encoded generated rows; NaN when the table has no scored feature. */
    double score(float[] generated, int n) {
        if (features.isEmpty()) {
            return Double.NaN;
        }
        int[][] synth = codes(generated, n);
        double shapes = 0;
        for (int f = 0; f < features.size(); f++) {
            shapes += 1 - tvd(real[f], null, synth[f], null);
        }
        shapes /= features.size();
        if (pairs.isEmpty()) {
            return shapes;
        }
        double trends = 0;
        for (int[] p : pairs) {
            trends += 1 - tvd(real[p[0]], real[p[1]], synth[p[0]], synth[p[1]]);
        }
        return (shapes + trends / pairs.size()) / 2;
    }

    /** Per scored feature, the code of every row. */
    private int[][] codes(float[] rows, int n) {
        int width = transform.width();
        int[][] codes = new int[features.size()][n];
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            ColumnTransform t = transform.columns.get(feature.column());
            int value = t.valueWidth();
            for (int r = 0; r < n; r++) {
                int o = r * width + offsets[feature.column()];
                int slot = t.choiceOf(rows, o);
                if (feature.elements() != null) { // a vector's only slot but null is its value
                    codes[f][r] = slot > 0 ? BINS : bin(mean(rows, o, feature.elements()));
                    continue;
                }
                int bin = 0;
                if (value > 0 && (slot >= t.components.size() || !t.components.get(slot).pointMass())) {
                    bin = bin(rows[o]);
                }
                codes[f][r] = slot * BINS + bin;
            }
        }
        return codes;
    }

    private static double mean(float[] rows, int offset, int[] elements) {
        double sum = 0;
        for (int e : elements) {
            sum += rows[offset + e];
        }
        return sum / elements.length;
    }

    /** The tenth of the encoded range [-1, 1] that {@code x} falls in. */
    private static int bin(double x) {
        return (int) Math.min(BINS - 1, Math.max(0, Math.floor((x + 1) / 2 * BINS)));
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
