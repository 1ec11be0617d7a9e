package io.sparksynth.model;

import java.util.random.RandomGenerator;

/**
 * The Gumbel-max draw of one one-hot choice, {@code argmax_k(x_k + g(u_k))} with one uniform
 * {@code u_k} per slot in slot order, giving exactly the slot that computing every Gumbel draw
 * would, at a fraction of the cost. The two logarithms of a draw are most of generation's work
 * besides the forward pass, and only the winner's are needed: a table of {@code g} at 4,096
 * evenly spaced uniforms bounds each slot's score from both sides ({@code g} is increasing, and
 * so is its floating-point computation: {@code Math.log} is semi-monotonic and rounding is
 * monotone), and only slots whose upper bound reaches the best lower bound get the exact draw,
 * in slot order with the same tie rule (when only one slot does, it wins without any). One
 * instance per thread (it keeps scratch arrays).
 */
final class GumbelMax {
    private static final int CELLS = 4096;
    /** g(j / CELLS) for j = 0..CELLS: g(1) bounds the last cell from above. */
    private static final double[] EDGE = edges();

    private double[] u = new double[0];
    private double[] x = new double[0];
    private double[] hi = new double[0];

    /** A standard Gumbel draw from one uniform of {@code rng}. */
    static double gumbel(RandomGenerator rng) {
        return gumbel(rng.nextDouble());
    }

    private static double gumbel(double u) {
        return -Math.log(-Math.log(u + 1e-20) + 1e-20);
    }

    private static double[] edges() {
        double[] e = new double[CELLS + 1];
        for (int j = 0; j <= CELLS; j++) {
            e[j] = gumbel((double) j / CELLS);
        }
        return e;
    }

    /**
     * The slot drawn from the {@code w} logits at {@code raw[o..o+w)}, each shifted by
     * {@code bias[bo + k]} (float addition, as the scores were always computed) when {@code bias}
     * is not null; the first slot wins a tie, and slot 0 when every score is NaN.
     */
    int draw(float[] raw, int o, float[] bias, int bo, int w, RandomGenerator rng) {
        if (u.length < w) {
            u = new double[w];
            x = new double[w];
            hi = new double[w];
        }
        double lower = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w; k++) {
            u[k] = rng.nextDouble();
            x[k] = raw[o + k] + (bias == null ? 0 : bias[bo + k]);
            int cell = (int) (u[k] * CELLS); // exact: u < 1 and CELLS is a power of two
            double lo = x[k] + EDGE[cell];
            hi[k] = x[k] + EDGE[cell + 1];
            if (lo > lower) {
                lower = lo;
            }
        }
        int candidates = 0;
        int candidate = 0;
        for (int k = 0; k < w; k++) {
            if (hi[k] >= lower) { // else its exact score is below the winner's
                candidates++;
                candidate = k;
            }
        }
        if (candidates == 1) { // the bounds alone decide: no logarithm at all
            return candidate;
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w; k++) {
            if (hi[k] >= lower) {
                double score = x[k] + gumbel(u[k]);
                if (score > bestScore) {
                    bestScore = score;
                    best = k;
                }
            }
        }
        return best;
    }
}
