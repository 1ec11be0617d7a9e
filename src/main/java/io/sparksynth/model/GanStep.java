package io.sparksynth.model;

import io.sparksynth.config.GanOptions;
import io.sparksynth.preprocess.Block;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One worker's GAN training steps on its share of the encoded rows: the paper's minimax loss
 * (binary cross-entropy, non-saturating generator objective) or WGAN-GP's (a linear critic with a
 * gradient penalty), with CTGAN's conditional vector, training-by-sampling and PacGAN packing. Losses are computed here, not by DL4J output layers,
 * because the generator step needs the discriminator's gradient with respect to its input.
 */
public final class GanStep {
    private final GeneratorNetwork generator;
    private final MultiLayerNetwork discriminator;
    private final GanOptions options;
    private final OutputActivation activation;
    private final ConditionSampler sampler;
    private final int width;
    private final int batch;
    private final float[] rows;
    private final int count;
    private final List<List<int[]>> rowsBySlot;
    private final boolean[][] available;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

    /** Losses of the last steps: discriminator on real rows, on fake rows, generator. */
    public double lossReal;
    public double lossFake;
    public double lossGenerator;

    public GanStep(GeneratorNetwork generator, MultiLayerNetwork discriminator, GanOptions options,
                   OutputActivation activation, ConditionSampler sampler, int width, int batch, float[] rows,
                   int count) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.options = options;
        this.activation = activation;
        this.sampler = sampler;
        this.width = width;
        this.batch = batch;
        this.rows = rows;
        this.count = count;
        this.rowsBySlot = sampler.columns() > 0 ? sampler.index(rows, count, width) : List.of();
        this.available = new boolean[rowsBySlot.size()][];
        for (int j = 0; j < rowsBySlot.size(); j++) {
            available[j] = new boolean[rowsBySlot.get(j).size()];
            for (int k = 0; k < available[j].length; k++) {
                available[j][k] = rowsBySlot.get(j).get(k).length > 0;
            }
        }
    }

    /** A discriminator update on one batch of real rows and one of generated rows. */
    public void discriminatorStep(int iteration, RandomGenerator rng) {
        int c = sampler.dim();
        int in = width + c;
        float[] input = new float[2 * batch * in];
        // real rows, with the condition they satisfy
        float[] cond = new float[batch * c];
        int[] col = new int[batch];
        int[] slot = new int[batch];
        if (c > 0) {
            sampler.sample(batch, true, available, rng, cond, col, slot);
        }
        for (int i = 0; i < batch; i++) {
            int r = c > 0 ? pick(rowsBySlot.get(col[i]).get(slot[i]), rng) : rng.nextInt(count);
            System.arraycopy(rows, r * width, input, i * in, width);
            System.arraycopy(cond, i * c, input, i * in + width, c);
        }
        // generated rows
        Fake fake = generate(rng);
        for (int i = 0; i < batch; i++) {
            System.arraycopy(fake.act, i * width, input, (batch + i) * in, width);
            System.arraycopy(fake.cond, i * c, input, (batch + i) * in + width, c);
        }
        int packed = batch / options.pac();
        float[] labels = new float[2 * packed];
        java.util.Arrays.fill(labels, 0, packed, (float) (1 - options.labelSmoothing()));
        int cols = in * options.pac();
        INDArray penalty = null;
        if (options.wasserstein()) {
            penalty = GradientPenalty.wasserstein(discriminator, between(input, packed, cols, rng), packed, cols,
                    options.gradientPenalty()).gradient();
        }
        if (options.r1Penalty() > 0 && iteration % options.r1Every() == 0) {
            // lazy regularisation (StyleGAN2): every k-th step, weighted k times
            INDArray r1 = GradientPenalty.r1(discriminator, java.util.Arrays.copyOf(input, packed * cols), packed,
                    cols, options.r1Penalty() * options.r1Every()).gradient();
            penalty = penalty == null ? r1 : penalty.addi(r1);
        }
        double[] loss = discriminatorUpdate(discriminator, input, 2 * packed, cols, labels, options.wasserstein(),
                iteration, penalty, mgr);
        lossReal = 0;
        lossFake = 0;
        for (int i = 0; i < 2 * packed; i++) {
            if (i < packed) {
                lossReal += loss[i] / packed;
            } else {
                lossFake += loss[i] / packed;
            }
        }
    }

    /**
     * One Adam step of the discriminator on packed rows with binary cross-entropy against
     * {@code labels}, averaged over the rows: what DL4J's fit() does with a sigmoid XENT output
     * layer, but on a linear output so the same network also yields input gradients for the
     * generator step. A {@code wasserstein} critic instead lowers its output on rows labelled real
     * (above 0.5) and raises it on the others: its loss is {@code mean D(fake) - mean D(real)}.
     * {@code extraGradient} (a penalty's, or null) is added before the update. Returns the per-row losses.
     */
    static double[] discriminatorUpdate(MultiLayerNetwork d, float[] input, int rows, int cols, float[] labels,
                                        boolean wasserstein, int iteration, INDArray extraGradient,
                                        LayerWorkspaceMgr mgr) {
        d.setInput(Floats.matrix(input, rows, cols));
        List<INDArray> acts = d.feedForward(true, false);
        float[] logits = Floats.of(acts.get(acts.size() - 1));
        float[] eps = new float[rows];
        double[] loss = new double[rows];
        for (int i = 0; i < rows; i++) {
            double z = logits[i];
            if (wasserstein) {
                double sign = labels[i] > 0.5 ? -1 : 1;
                loss[i] = sign * z;
                eps[i] = (float) (sign / rows);
            } else {
                loss[i] = softplus(z) - labels[i] * z;
                eps[i] = (float) ((sigmoid(z) - labels[i]) / rows);
            }
        }
        Gradient g = d.backpropGradient(column(eps), mgr).getFirst();
        if (extraGradient != null) {
            g.gradient().addi(extraGradient);
        }
        d.getUpdater().update(d, g, iteration, 0, rows, mgr);
        d.params().subi(g.gradient());
        return loss;
    }

    /** A generator update through the (fixed) discriminator. */
    public void generatorStep(int iteration, RandomGenerator rng) {
        int c = sampler.dim();
        int in = width + c;
        Fake fake = generate(rng);
        float[] input = new float[batch * in];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(fake.act, i * width, input, i * in, width);
            System.arraycopy(fake.cond, i * c, input, i * in + width, c);
        }
        int packed = batch / options.pac();
        float[] logits = forward(discriminator, input, packed, in * options.pac());
        float[] eps = new float[packed];
        double loss = 0;
        for (int i = 0; i < packed; i++) {
            if (options.wasserstein()) {
                loss -= logits[i];
                eps[i] = -1f / packed;
            } else {
                loss += softplus(-logits[i]);
                eps[i] = (float) ((sigmoid(logits[i]) - 1) / packed);
            }
        }
        Pair<Gradient, INDArray> back = discriminator.backpropGradient(column(eps), mgr);
        float[] gradIn = Floats.of(back.getSecond());
        float[] gradAct = new float[batch * width];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(gradIn, i * in, gradAct, i * width, width);
        }
        float[] gradRaw = activation.backward(fake.act, gradAct, batch, options.gumbelTau());
        loss /= packed;
        if (c > 0) {
            loss += conditionLoss(sampler.blocks(), fake.raw, fake.column, fake.slot, batch, width, gradRaw);
        }
        lossGenerator = loss;
        // the generator still holds its layer inputs from generate(rng)
        generator.update(generator.backward(gradRaw, batch), iteration, batch);
    }

    /**
     * Cross-entropy of each row's conditioned choice block against its condition (CTGAN), averaged
     * over the {@code rows}; adds its gradient with respect to the raw outputs to {@code gradRaw}.
     * Static so that a test can check the gradient against finite differences of the loss.
     *
     * @param blocks the condition blocks, indexed by {@code column[i]}; {@code slot[i]} is the chosen slot
     */
    static double conditionLoss(List<Block> blocks, float[] raw, int[] column, int[] slot, int rows, int width,
                                float[] gradRaw) {
        double loss = 0;
        double[] p = new double[64];
        for (int i = 0; i < rows; i++) {
            Block b = blocks.get(column[i]);
            if (p.length < b.width()) {
                p = new double[b.width()];
            }
            int o = i * width + b.offset();
            OutputActivation.probabilities(raw, o, b.width(), p);
            int k = slot[i];
            loss -= Math.log(p[k] + 1e-12);
            for (int q = 0; q < b.width(); q++) {
                gradRaw[o + q] += (float) ((p[q] - (q == k ? 1 : 0)) / rows);
            }
        }
        return loss / rows;
    }

    private record Fake(float[] raw, float[] act, float[] cond, int[] column, int[] slot) {
    }

    private Fake generate(RandomGenerator rng) {
        int c = sampler.dim();
        int nz = options.noiseDim();
        float[] cond = new float[batch * c];
        int[] col = new int[batch];
        int[] slot = new int[batch];
        if (c > 0) {
            sampler.sample(batch, true, available, rng, cond, col, slot);
        }
        float[] input = GanLayout.generatorInput(batch, nz, cond, c, rng);
        float[] raw = generator.forward(input, batch, true);
        float[] act = activation.forwardTrain(raw, batch, options.gumbelTau(), rng);
        return new Fake(raw, act, cond, col, slot);
    }

    private float[] forward(MultiLayerNetwork net, float[] input, int rowsIn, int cols) {
        net.setInput(Floats.matrix(input, rowsIn, cols));
        List<INDArray> acts = net.feedForward(true, false);
        return Floats.of(acts.get(acts.size() - 1));
    }

    /**
     * WGAN-GP's penalty points: each packed real row {@code i} moved a uniform share of the way to
     * packed generated row {@code i} (the second half of {@code input}).
     */
    private static float[] between(float[] input, int packed, int cols, RandomGenerator rng) {
        float[] x = new float[packed * cols];
        for (int i = 0; i < packed; i++) {
            float a = rng.nextFloat();
            int real = i * cols;
            int fake = (packed + i) * cols;
            for (int k = 0; k < cols; k++) {
                x[real + k] = input[real + k] + a * (input[fake + k] - input[real + k]);
            }
        }
        return x;
    }

    private static int pick(int[] candidates, RandomGenerator rng) {
        return candidates[rng.nextInt(candidates.length)];
    }

    private static INDArray column(float[] data) {
        return Floats.matrix(data, data.length, 1);
    }

    private static double softplus(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
