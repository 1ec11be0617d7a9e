package io.sparksynth.model;

import io.sparksynth.config.GanOptions;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.preprocess.Block;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.Component;
import io.sparksynth.preprocess.TableTransform;
import io.sparksynth.train.TrainingSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator's gradients are written by hand ({@link OutputActivation#backward}, the conditional
 * cross-entropy and the non-saturating loss in {@link GanStep}), so no DL4J code checks them: a
 * wrong sign or a lost factor would still train, only worse. Each is compared here with central
 * finite differences of the loss it claims to differentiate, with every random draw replayed from
 * a fixed seed so that the perturbed evaluations see the same noise.
 */
@Tag("fast")
class GeneratorGradientTest {

    /**
     * A tanh value, softmax blocks of widths 2 to 5, a second tanh and a vector's tanh block of three
     * elements followed by its null choice: every kind of block.
     */
    private static final List<Block> LAYOUT = List.of(new Block(0, 1, false, 0), new Block(1, 2, true, 0),
            new Block(3, 3, true, 1), new Block(6, 1, false, 2), new Block(7, 4, true, 2),
            new Block(11, 5, true, 3), new Block(16, 3, false, 4), new Block(19, 2, true, 4));
    private static final int WIDTH = 21;

    /**
     * L = sum(w * forwardTrain(raw)) with the Gumbel noise fixed: backward(act, w) must be dL/draw.
     * forwardTrain works in float, so the step is large enough for float rounding to stay small
     * against the gradient, and small enough for the cubic error term even at tau = 0.2.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.2, 1.0})
    void outputActivationBackwardIsTheGradientOfTheGumbelSoftmax(double tau) {
        OutputActivation activation = new OutputActivation(LAYOUT, WIDTH);
        int rows = 8;
        Random r = new Random(11);
        float[] raw = gaussian(rows * WIDTH, r);
        float[] w = gaussian(rows * WIDTH, r);
        long noise = 5;
        ToDoubleFunction<float[]> loss = x -> dot(w, activation.forwardTrain(x, rows, tau, new SplittableRandom(noise)));

        float[] act = activation.forwardTrain(raw, rows, tau, new SplittableRandom(noise));
        float[] analytic = activation.backward(act, w, rows, tau);
        double[] numeric = centralDifferences(loss, raw, 2e-3);

        double softmaxLargest = 0;
        for (int i = 0; i < rows * WIDTH; i++) {
            int column = i % WIDTH;
            if (LAYOUT.stream().anyMatch(b -> b.softmax() && column >= b.offset() && column < b.offset() + b.width())) {
                softmaxLargest = Math.max(softmaxLargest, Math.abs(numeric[i]));
            }
        }
        assertTrue(softmaxLargest > 0.5, "not vacuous: some softmax is far from saturation, " + softmaxLargest);
        assertGradientsMatch(numeric, analytic, 3e-4, 1e-3, "d sum(w * act) / d raw at tau " + tau);
    }

    /**
     * The conditional loss -mean log softmax(block)[slot] of GanStep: its value is the definition,
     * and what it adds to the raw-output gradient is its derivative. The loss is in double, so the
     * comparison is tight.
     */
    @Test
    void conditionalCrossEntropyAddsItsOwnGradient() {
        List<Block> blocks = LAYOUT.stream().filter(Block::softmax).toList();
        int rows = 12;
        Random r = new Random(3);
        float[] raw = gaussian(rows * WIDTH, r);
        int[] column = new int[rows];
        int[] slot = new int[rows];
        double expected = 0;
        for (int i = 0; i < rows; i++) {
            column[i] = i % blocks.size();
            Block b = blocks.get(column[i]);
            slot[i] = r.nextInt(b.width());
            double norm = 0;
            for (int k = 0; k < b.width(); k++) {
                norm += Math.exp(raw[i * WIDTH + b.offset() + k]);
            }
            expected -= (raw[i * WIDTH + b.offset() + slot[i]] - Math.log(norm)) / rows;
        }
        float[] before = gaussian(rows * WIDTH, r); // the adversarial gradient it is added to
        float[] grad = before.clone();

        double loss = GanStep.conditionLoss(blocks, raw, column, slot, rows, WIDTH, grad);

        assertEquals(expected, loss, 1e-9, "mean cross-entropy of the conditioned blocks");
        float[] analytic = new float[grad.length];
        for (int i = 0; i < grad.length; i++) {
            analytic[i] = grad[i] - before[i];
        }
        double[] numeric = centralDifferences(
                x -> GanStep.conditionLoss(blocks, x, column, slot, rows, WIDTH, new float[x.length]), raw, 1e-3);
        assertGradientsMatch(numeric, analytic, 1e-6, 1e-5, "d conditional loss / d raw");
    }

    /**
     * The whole generator step: noise and condition through the generator, Gumbel-softmax, packing,
     * the fixed discriminator's softplus(-D) and the conditional loss, back to the generator's
     * parameters. The generator gets a plain gradient-descent updater of rate 1, so the step moves
     * its parameters by exactly the gradient GanStep hands to the updater; that is compared with
     * finite differences of the step's own reported loss, replaying one seed for every draw.
     * Networks are float: the step balances their rounding against the curvature of the
     * Gumbel-softmax at tau = 0.2, and the tolerance is 0.2 %. ReLU kinks: a parameter whose
     * perturbation switches any ReLU of either network on or off is skipped, not tolerated.
     * Without the condition the adversarial path alone makes the whole gradient (with it, the
     * conditional loss dominates), so both variants run.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void generatorStepAppliesTheGradientOfTheGeneratorLoss(boolean conditional) {
        GanOptions o = SynthConfig.load(null, List.of("gan.noise-dim=4", "gan.generator-layers=[16, 16]",
                "gan.discriminator-layers=[16, 16]", "gan.discriminator-dropout=0", "gan.pac=2",
                "gan.conditional=" + conditional)).gan;
        TableTransform t = table();
        Random r = new Random(17);
        int count = 60;
        float[] rows = realRows(t, count, r);
        TrainingSpec spec = TrainingSpec.of("fd", o, 8, 23, t);
        MultiLayerNetwork generator = withPlainGradientDescent(((DenseGenerator) spec.newGenerator()).network());
        MultiLayerNetwork discriminator = spec.newDiscriminator();
        GanStep step = new GanStep(new DenseGenerator(generator), discriminator, o, spec.layout().activation(), spec.layout().sampler(),
                t.width(), 8, rows, count);
        Probe probe = new Probe(step, generator, discriminator, 29);
        INDArray p0 = generator.params().dup();

        float[] analytic = probe.gradient(p0);
        double largest = maxAbs(analytic);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < analytic.length; i++) {
            if (Math.abs(analytic[i]) > 0.1 * largest) {
                candidates.add(i);
            }
        }
        Collections.shuffle(candidates, r);
        double h = 3e-3;
        int checked = 0;
        int skipped = 0;
        for (int i : candidates) {
            if (checked == 12) {
                break;
            }
            INDArray plus = p0.dup();
            plus.putScalar(i, p0.getDouble(i) + h);
            INDArray minus = p0.dup();
            minus.putScalar(i, p0.getDouble(i) - h);
            double lossPlus = probe.loss(plus);
            String kinksPlus = probe.reluPattern();
            double lossMinus = probe.loss(minus);
            if (!kinksPlus.equals(probe.reluPattern())) {
                skipped++;
                continue;
            }
            double numeric = (lossPlus - lossMinus) / (plus.getDouble(i) - minus.getDouble(i));
            assertEquals(numeric, analytic[i], 2e-3 * Math.abs(numeric) + 1e-5,
                    "d generator loss / d parameter " + i + " (largest gradient " + largest + ")");
            checked++;
        }
        assertEquals(12, checked, "parameters away from ReLU kinks (" + skipped + " skipped)");
    }

    /** Runs GanStep's generator step at given generator parameters, always with the same draws. */
    private static final class Probe {
        private final GanStep step;
        private final MultiLayerNetwork generator;
        private final MultiLayerNetwork discriminator;
        private final long seed;
        private INDArray params;

        Probe(GanStep step, MultiLayerNetwork generator, MultiLayerNetwork discriminator, long seed) {
            this.step = step;
            this.generator = generator;
            this.discriminator = discriminator;
            this.seed = seed;
        }

        /** The generator loss GanStep reports at {@code p} (computed before its update). */
        double loss(INDArray p) {
            params = p;
            generator.setParams(p);
            step.generatorStep(0, new SplittableRandom(seed));
            return step.lossGenerator;
        }

        /** The parameter change of one step at {@code p}: the gradient, given a rate-1 SGD updater. */
        float[] gradient(INDArray p) {
            loss(p);
            return p.sub(generator.params()).data().asFloat();
        }

        /** Which hidden units of both networks were active in the last step: fixed between two kinks. */
        String reluPattern() {
            INDArray gIn = generator.getInput().dup();
            INDArray dIn = discriminator.getInput().dup();
            generator.setParams(params); // undo the step's update: the pattern is that of the forward pass
            return pattern(generator.feedForward(gIn, true)) + "|" + pattern(discriminator.feedForward(dIn, true));
        }

        private static String pattern(List<INDArray> activations) {
            StringBuilder s = new StringBuilder();
            for (int l = 1; l < activations.size() - 1; l++) {
                for (float v : activations.get(l).dup('c').data().asFloat()) {
                    s.append(v > 0 ? '1' : '0');
                }
            }
            return s.toString();
        }
    }

    /** The same network (shape, parameters) with SGD of rate 1: an update is then the bare gradient. */
    private static MultiLayerNetwork withPlainGradientDescent(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            ((BaseLayer) layer.getLayer()).setIUpdater(new Sgd(1.0));
        }
        MultiLayerNetwork plain = new MultiLayerNetwork(conf);
        plain.init();
        plain.setParams(net.params().dup());
        return plain;
    }

    /**
     * A continuous column with two modes (value + choice of 2), a categorical of 3, a nullable
     * categorical of 3 + null and one of 4 + "other": condition blocks of widths 3, 4 and 5.
     */
    private static TableTransform table() {
        ColumnTransform x = column("x", "double", ColumnKind.CONTINUOUS, false);
        x.min = -5;
        x.max = 6;
        x.components = List.of(new Component(false, -1, 2, 0.6), new Component(false, 3, 1, 0.4));
        ColumnTransform a = column("a", "string", ColumnKind.CATEGORICAL, false);
        a.categories = List.of("p", "q", "r");
        a.categoryShares = List.of(0.6, 0.3, 0.1);
        ColumnTransform b = column("b", "string", ColumnKind.CATEGORICAL, true);
        b.categories = List.of("s", "t", "u");
        b.categoryShares = List.of(0.5, 0.3, 0.2);
        b.nullShare = 0.2;
        ColumnTransform c = column("c", "string", ColumnKind.CATEGORICAL, false);
        c.categories = List.of("v", "w", "y", "z");
        c.categoryShares = List.of(0.4, 0.3, 0.1, 0.1);
        c.otherValues = List.of("o1", "o2");
        c.otherWeights = List.of(0.5, 0.5);
        c.otherShare = 0.1;
        return new TableTransform(List.of(x, a, b, c));
    }

    private static ColumnTransform column(String name, String type, ColumnKind kind, boolean nullable) {
        ColumnTransform c = new ColumnTransform();
        c.spec = new ColumnSpec(name, type, kind, nullable);
        return c;
    }

    /** Encoded rows drawing every category, "other" and null. */
    private static float[] realRows(TableTransform t, int count, Random r) {
        Object[][] values = {{}, {"p", "q", "r"}, {"s", "t", "u", null}, {"v", "w", "y", "z", "o1"}};
        float[] rows = new float[count * t.width()];
        for (int i = 0; i < count; i++) {
            int offset = i * t.width();
            for (int j = 0; j < t.columns.size(); j++) {
                ColumnTransform c = t.columns.get(j);
                Object v = j == 0 ? -3 + 8 * r.nextDouble() : values[j][r.nextInt(values[j].length)];
                c.encode(v, rows, offset);
                offset += c.width();
            }
        }
        return rows;
    }

    private static double[] centralDifferences(ToDoubleFunction<float[]> f, float[] at, double h) {
        double[] d = new double[at.length];
        float[] x = at.clone();
        for (int i = 0; i < at.length; i++) {
            float up = (float) (at[i] + h);
            float down = (float) (at[i] - h);
            x[i] = up;
            double fUp = f.applyAsDouble(x);
            x[i] = down;
            double fDown = f.applyAsDouble(x);
            x[i] = at[i];
            d[i] = (fUp - fDown) / ((double) up - down); // the step actually taken in float
        }
        return d;
    }

    private static void assertGradientsMatch(double[] numeric, float[] analytic, double abs, double rel,
                                             String what) {
        for (int i = 0; i < numeric.length; i++) {
            assertEquals(numeric[i], analytic[i], abs + rel * Math.abs(numeric[i]), what + ", entry " + i);
        }
    }

    private static float[] gaussian(int n, Random r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
