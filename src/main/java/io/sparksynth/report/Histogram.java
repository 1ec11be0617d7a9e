package io.sparksynth.report;

/**
 * A histogram drawn as a line: each bin a flat top from its left to its right edge, closed down to
 * zero at both ends. Drawn over the centres instead, as a step line, each bar would sit half a bin
 * off its values.
 */
final class Histogram {
    private Histogram() {
    }

    /** The bin edges of equal-width bins with these centres (a single bin gets width 1). */
    static double[] edges(double[] centres) {
        int n = centres.length;
        double w = n > 1 ? (centres[n - 1] - centres[0]) / (n - 1) : 1;
        double[] e = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            e[i] = centres[0] + (i - 0.5) * w;
        }
        return e;
    }

    /** x of the outline: first edge twice, every inner edge twice, last edge twice. */
    static double[] outlineX(double[] edges) {
        double[] x = new double[2 * edges.length];
        for (int i = 0; i < edges.length; i++) {
            x[2 * i] = edges[i];
            x[2 * i + 1] = edges[i];
        }
        return x;
    }

    /** y of the outline matching {@link #outlineX}: 0, then each bin's share at both its edges, then 0. */
    static double[] outlineY(double[] shares) {
        double[] y = new double[2 * shares.length + 2];
        for (int i = 0; i < shares.length; i++) {
            y[2 * i + 1] = shares[i];
            y[2 * i + 2] = shares[i];
        }
        return y;
    }
}
