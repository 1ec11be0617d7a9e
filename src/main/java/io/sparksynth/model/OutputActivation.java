package io.sparksynth.model;

import io.sparksynth.preprocess.Block;

import java.io.Serializable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The generator's output activations, one per block of the encoded row: tanh for continuous
 * values (each value of a block, so a vector column's elements form one block), a softmax over
 * each one-hot choice. During training the softmax is a Gumbel-softmax
 * (a differentiable sample, keeping categorical heads from collapsing onto one category); when
 * generating, a category is drawn from the softmax with the Gumbel-max trick, so the output is
 * exactly one-hot. Works on row-major float arrays [rows x width].
 */
public final class OutputActivation implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<Block> blocks;
    private final int width;
    /** Logit offsets added when generating (the marginal calibration's), or null. */
    private final float[] bias;

    public OutputActivation(List<Block> blocks, int width) {
        this(blocks, width, null);
    }

    public OutputActivation(List<Block> blocks, int width, float[] bias) {
        this.blocks = List.copyOf(blocks);
        this.width = width;
        this.bias = bias == null ? null : bias.clone();
    }

    /** Training forward pass: tanh and Gumbel-softmax with temperature {@code tau}. */
    public float[] forwardTrain(float[] raw, int rows, double tau, RandomGenerator rng) {
        float[] out = new float[raw.length];
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            for (Block b : blocks) {
                if (!b.softmax()) {
                    tanh(raw, base + b.offset(), b.width(), out);
                } else {
                    softmax(raw, base + b.offset(), b.width(), tau, rng, out);
                }
            }
        }
        return out;
    }

    /** Gradient with respect to the raw outputs, given the gradient with respect to the activations. */
    public float[] backward(float[] act, float[] gradAct, int rows, double tau) {
        float[] g = new float[act.length];
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            for (Block b : blocks) {
                int o = base + b.offset();
                if (!b.softmax()) {
                    for (int k = o; k < o + b.width(); k++) {
                        g[k] = gradAct[k] * (1 - act[k] * act[k]);
                    }
                } else {
                    double dot = 0;
                    for (int k = 0; k < b.width(); k++) {
                        dot += gradAct[o + k] * act[o + k];
                    }
                    for (int k = 0; k < b.width(); k++) {
                        g[o + k] = (float) (act[o + k] * (gradAct[o + k] - dot) / tau);
                    }
                }
            }
        }
        return g;
    }

    /** Generation: tanh values and one-hot choices drawn from the softmax (shifted by the calibration's bias). */
    public float[] sample(float[] raw, int rows, RandomGenerator rng) {
        float[] out = new float[raw.length];
        GumbelMax draws = new GumbelMax();
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            for (Block b : blocks) {
                int o = base + b.offset();
                if (!b.softmax()) {
                    tanh(raw, o, b.width(), out);
                } else {
                    out[o + draws.draw(raw, o, bias, b.offset(), b.width(), rng)] = 1f;
                }
            }
        }
        return out;
    }

    private static void tanh(float[] raw, int o, int w, float[] out) {
        for (int k = o; k < o + w; k++) {
            out[k] = (float) Math.tanh(raw[k]);
        }
    }

    private static void softmax(float[] raw, int o, int w, double tau, RandomGenerator rng, float[] out) {
        double max = Double.NEGATIVE_INFINITY;
        double[] s = new double[w];
        for (int k = 0; k < w; k++) {
            s[k] = (raw[o + k] + (rng == null ? 0 : GumbelMax.gumbel(rng))) / tau;
            max = Math.max(max, s[k]);
        }
        double sum = 0;
        for (int k = 0; k < w; k++) {
            s[k] = Math.exp(s[k] - max);
            sum += s[k];
        }
        for (int k = 0; k < w; k++) {
            out[o + k] = (float) (s[k] / sum);
        }
    }

    /** Plain softmax probabilities of one block of one row (used by the conditional loss). */
    static void probabilities(float[] raw, int o, int w, double[] into) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w; k++) {
            max = Math.max(max, raw[o + k]);
        }
        double sum = 0;
        for (int k = 0; k < w; k++) {
            into[k] = Math.exp(raw[o + k] - max);
            sum += into[k];
        }
        for (int k = 0; k < w; k++) {
            into[k] /= sum;
        }
    }
}
