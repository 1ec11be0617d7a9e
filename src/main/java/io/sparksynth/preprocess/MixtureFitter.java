package io.sparksynth.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Expectation-maximisation for a one-dimensional Gaussian mixture, the mode-specific
 * normalisation of CTGAN. Runs on a bounded, deterministic sample of a column (not on all rows),
 * so the fit is cheap and identical for the same data whatever its partitioning. Components with
 * a weight below {@code MIN_WEIGHT} are pruned, as CTGAN's Bayesian mixture does implicitly.
 */
final class MixtureFitter {
    static final double MIN_WEIGHT = 0.005;
    private static final int ITERATIONS = 200;

    private MixtureFitter() {
    }

    /** Range components (center = mean, scale = 4 sd) with weights summing to {@code totalWeight}. */
    static List<Component> fit(double[] values, int maxModes, double totalWeight) {
        double[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        double lo = x[0];
        double hi = x[n - 1];
        double minSd = Math.max((hi - lo) * 1e-3, 1e-9);
        int k = Math.max(1, Math.min(maxModes, n / 10));
        double[] mean = new double[k];
        double[] var = new double[k];
        double[] w = new double[k];
        double overall = variance(x);
        for (int j = 0; j < k; j++) {
            mean[j] = x[(int) ((j + 0.5) / k * (n - 1))];
            var[j] = Math.max(overall / (k * k), minSd * minSd);
            w[j] = 1.0 / k;
        }
        double[] r = new double[k];
        double prevLl = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < ITERATIONS; it++) {
            double[] sr = new double[k];
            double[] sx = new double[k];
            double[] sxx = new double[k];
            double ll = 0;
            for (double v : x) {
                double total = 0;
                for (int j = 0; j < k; j++) {
                    if (w[j] == 0) {
                        r[j] = 0;
                        continue;
                    }
                    double z = v - mean[j];
                    r[j] = w[j] * Math.exp(-0.5 * z * z / var[j]) / Math.sqrt(var[j]);
                    total += r[j];
                }
                if (total <= 0) {
                    int nearest = nearest(mean, w, v);
                    r[nearest] = 1;
                    total = 1;
                } else {
                    ll += Math.log(total);
                }
                for (int j = 0; j < k; j++) {
                    double p = r[j] / total;
                    sr[j] += p;
                    sx[j] += p * v;
                    sxx[j] += p * v * v;
                }
            }
            for (int j = 0; j < k; j++) {
                w[j] = sr[j] / n;
                if (w[j] < MIN_WEIGHT / 10 || sr[j] < 2) {
                    w[j] = 0;
                    continue;
                }
                mean[j] = sx[j] / sr[j];
                var[j] = Math.max(sxx[j] / sr[j] - mean[j] * mean[j], minSd * minSd);
            }
            if (Math.abs(ll - prevLl) < 1e-7 * Math.abs(ll)) {
                break;
            }
            prevLl = ll;
        }
        List<Component> out = new ArrayList<>();
        double kept = 0;
        for (int j = 0; j < k; j++) {
            if (w[j] >= MIN_WEIGHT) {
                kept += w[j];
            }
        }
        for (int j = 0; j < k; j++) {
            if (w[j] >= MIN_WEIGHT) {
                out.add(Component.range(mean[j], 4 * Math.sqrt(var[j]), w[j] / kept * totalWeight));
            }
        }
        if (out.isEmpty()) {
            out.add(Component.range(mean(x), 4 * Math.max(Math.sqrt(overall), minSd), totalWeight));
        }
        out.sort((a, b) -> Double.compare(a.center(), b.center()));
        return out;
    }

    private static int nearest(double[] mean, double[] w, double v) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int j = 0; j < mean.length; j++) {
            if (w[j] > 0 && Math.abs(mean[j] - v) < bestD) {
                best = j;
                bestD = Math.abs(mean[j] - v);
            }
        }
        return best;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return x.length > 1 ? s / (x.length - 1) : 0;
    }
}
