package io.sparksynth.model;

import io.sparksynth.config.GanOptions;
import io.sparksynth.config.SynthConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient penalties' parameter gradients are second derivatives written out by hand
 * ({@link GradientPenalty}); here they are checked against central differences of the penalty itself,
 * computed from DL4J's own input gradient, over the discriminator's parameters, for R1 (target norm 0)
 * and WGAN-GP (target norm 1), with dropout configured or not; and R1's effect: a discriminator
 * trained with it is flatter on the real rows.
 */
@Tag("fast")
class GradientPenaltyTest {
    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    @ParameterizedTest
    @CsvSource({"relu, 0, 0", "leakyrelu, 0, 0", "relu, 0.5, 0", "relu, 0, 1", "leakyrelu, 0.5, 1"})
    void parameterGradientMatchesCentralDifferencesOfThePenalty(String activation, double dropout, double target) {
        // dropout is configured but the penalty is taken on the expected function (no masks)
        GanOptions o = SynthConfig.load(null, List.of("gan.discriminator-dropout=" + dropout,
                "gan.discriminator-activation=" + activation, "gan.discriminator-layers=[16, 8]")).gan;
        int rows = 12;
        int cols = 5;
        MultiLayerNetwork d = GanNetworks.discriminator(o, cols, 3);
        float[] x = gaussian(rows * cols, new Random(9));
        double gamma = 10;
        GradientPenalty.Result analytic = target == 0 ? GradientPenalty.r1(d, x, rows, cols, gamma)
                : GradientPenalty.wasserstein(d, x, rows, cols, gamma / 2);
        assertTrue(analytic.penalty() > 1e-3, "not vacuous: the penalty is " + analytic.penalty());
        assertEquals(dl4jPenalty(d, x, rows, cols, gamma, target), analytic.penalty(), 1e-4 * analytic.penalty(),
                "the penalty equals the one from DL4J's own input gradient");

        INDArray params = d.params();
        int n = (int) params.length();
        double largest = 0;
        double worst = 0;
        int compared = 0;
        int kinks = 0;
        String where = "";
        for (int k = 0; k < n; k += 3) {
            double numeric = centralDifference(d, params, k, 2e-4, x, rows, cols, gamma, target);
            double half = centralDifference(d, params, k, 1e-4, x, rows, cols, gamma, target);
            // the penalty jumps where a ReLU flips: there the two steps disagree, and no derivative exists
            if (Math.abs(numeric - half) > 0.05 * (Math.abs(numeric) + Math.abs(half)) + 2e-2) {
                kinks++;
                continue;
            }
            compared++;
            double ours = analytic.gradient().getDouble(k);
            largest = Math.max(largest, Math.abs(numeric));
            double error = Math.abs(numeric - ours) / (3e-2 + Math.abs(numeric));
            if (error > worst) {
                worst = error;
                where = "parameter " + k + ": finite differences " + numeric + ", ours " + ours;
            }
        }
        assertTrue(kinks <= compared / 10, kinks + " kinks against " + compared + " smooth parameters");
        assertTrue(largest > 0.05, "not vacuous: some parameter moves the penalty, " + largest);
        assertTrue(worst < 0.05, "worst relative error " + worst + " at " + where);
    }

    private static double centralDifference(MultiLayerNetwork d, INDArray params, int k, double delta, float[] x,
                                            int rows, int cols, double gamma, double target) {
        double p = params.getDouble(k);
        params.putScalar(k, p + delta);
        double up = dl4jPenalty(d, x, rows, cols, gamma, target);
        params.putScalar(k, p - delta);
        double down = dl4jPenalty(d, x, rows, cols, gamma, target);
        params.putScalar(k, p);
        return (up - down) / (2 * delta);
    }

    /** Real rows at +1, fake at -1: the penalised discriminator separates them with a gentler slope. */
    @ParameterizedTest
    @CsvSource({"10"})
    void thePenaltyFlattensTheDiscriminatorOnRealRows(double gamma) {
        int rows = 32;
        int cols = 3;
        MultiLayerNetwork[] twins = twins(cols);
        MultiLayerNetwork plain = twins[0];
        MultiLayerNetwork penalised = twins[1];
        Random r = new Random(2);
        float[] labels = realThenFake(rows);
        for (int it = 0; it < 300; it++) {
            float[] x = twoClouds(new float[2 * rows * cols], rows, cols, r);
            GanStep.discriminatorUpdate(plain, x, 2 * rows, cols, labels, false, it, null, MGR);
            float[] real = java.util.Arrays.copyOf(x, rows * cols);
            INDArray g = GradientPenalty.r1(penalised, real, rows, cols, gamma).gradient();
            GanStep.discriminatorUpdate(penalised, x, 2 * rows, cols, labels, false, it, g, MGR);
        }
        float[] real = new float[rows * cols];
        for (int i = 0; i < real.length; i++) {
            real[i] = (float) (0.3 + 0.2 * r.nextGaussian());
        }
        double withPenalty = dl4jPenalty(penalised, real, rows, cols, 1, 0);
        double without = dl4jPenalty(plain, real, rows, cols, 1, 0);
        assertTrue(withPenalty < 0.25 * without, "squared input gradient on real rows: " + withPenalty
                + " with the penalty, " + without + " without");
    }

    /**
     * A Wasserstein critic (real rows at +0.3, fake at -0.3) scores real rows above fake ones; without
     * the penalty its slope grows without bound, with it the input gradient stays near norm 1.
     */
    @ParameterizedTest
    @CsvSource({"10"})
    void theWassersteinPenaltyKeepsTheCriticNearOneLipschitz(double lambda) {
        int rows = 32;
        int cols = 3;
        MultiLayerNetwork[] twins = twins(cols, "gan.discriminator-learning-rate=0.002");
        MultiLayerNetwork plain = twins[0];
        MultiLayerNetwork penalised = twins[1];
        Random r = new Random(4);
        float[] labels = realThenFake(rows);
        float[] x = new float[2 * rows * cols];
        for (int it = 0; it < 400; it++) {
            twoClouds(x, rows, cols, r);
            GanStep.discriminatorUpdate(plain, x, 2 * rows, cols, labels, true, it, null, MGR);
            float[] between = new float[rows * cols];
            for (int i = 0; i < rows; i++) {
                float a = r.nextFloat();
                for (int k = 0; k < cols; k++) {
                    between[i * cols + k] = x[i * cols + k] + a * (x[(rows + i) * cols + k] - x[i * cols + k]);
                }
            }
            INDArray g = GradientPenalty.wasserstein(penalised, between, rows, cols, lambda).gradient();
            GanStep.discriminatorUpdate(penalised, x, 2 * rows, cols, labels, true, it, g, MGR);
        }
        float[] mid = new float[rows * cols];
        for (int i = 0; i < mid.length; i++) {
            mid[i] = (float) (0.2 * r.nextGaussian());
        }
        // root mean squared input-gradient norm between the two clouds: sqrt(2 * penalty with gamma 1, target 0)
        double withPenalty = Math.sqrt(2 * dl4jPenalty(penalised, mid, rows, cols, 1, 0));
        double without = Math.sqrt(2 * dl4jPenalty(plain, mid, rows, cols, 1, 0));
        double margin = meanOutput(penalised, java.util.Arrays.copyOf(x, rows * cols), rows, cols)
                - meanOutput(penalised, java.util.Arrays.copyOfRange(x, rows * cols, 2 * rows * cols), rows, cols);
        assertTrue(margin > 0.1, "the critic scores real rows above fake ones: margin " + margin);
        assertTrue(withPenalty > 0.5 && withPenalty < 1.5, "input gradient norm with the penalty: " + withPenalty);
        assertTrue(without > 2 * withPenalty, "without the penalty the critic steepens: " + without + " against "
                + withPenalty);
    }

    /** Two identical small discriminators without dropout: one to train plainly, one with a penalty. */
    private static MultiLayerNetwork[] twins(int cols, String... settings) {
        List<String> all = new java.util.ArrayList<>(List.of("gan.discriminator-dropout=0",
                "gan.discriminator-layers=[16, 16]"));
        all.addAll(List.of(settings));
        GanOptions o = SynthConfig.load(null, all).gan;
        return new MultiLayerNetwork[]{GanNetworks.discriminator(o, cols, 5), GanNetworks.discriminator(o, cols, 5)};
    }

    /** Labels of {@code rows} real rows (1) then as many fake ones (0). */
    private static float[] realThenFake(int rows) {
        float[] labels = new float[2 * rows];
        java.util.Arrays.fill(labels, 0, rows, 1f);
        return labels;
    }

    /** Fills {@code x} with {@code rows} real rows around +0.3 then as many fake ones around -0.3. */
    private static float[] twoClouds(float[] x, int rows, int cols, Random r) {
        for (int i = 0; i < 2 * rows; i++) {
            for (int k = 0; k < cols; k++) {
                x[i * cols + k] = (float) ((i < rows ? 1 : -1) * 0.3 + 0.2 * r.nextGaussian());
            }
        }
        return x;
    }

    private static double meanOutput(MultiLayerNetwork d, float[] x, int rows, int cols) {
        return d.output(Floats.matrix(x, rows, cols), false).meanNumber().doubleValue();
    }

    /**
     * (gamma / 2) mean (|grad_x D(x)| - target)^2 with the input gradient from DL4J's own backward pass, on a twin
     * without dropout (DL4J's backward pass would reuse the last training pass's dropout mask).
     */
    private static double dl4jPenalty(MultiLayerNetwork d, float[] x, int rows, int cols, double gamma,
                                      double target) {
        MultiLayerNetwork twin = d.clone();
        for (int l = 0; l < twin.getnLayers(); l++) {
            twin.getLayer(l).conf().getLayer().setIDropout(null);
        }
        twin.setInput(Floats.matrix(x, rows, cols));
        twin.feedForward(false, false);
        float[] ones = new float[rows];
        java.util.Arrays.fill(ones, 1f);
        float[] v = twin.backpropGradient(Floats.matrix(ones, rows, 1), MGR).getSecond().dup('c').data().asFloat();
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double norm2 = 0;
            for (int k = 0; k < cols; k++) {
                norm2 += (double) v[i * cols + k] * v[i * cols + k];
            }
            double gap = Math.sqrt(norm2) - target;
            s += gap * gap;
        }
        return gamma / (2.0 * rows) * s;
    }

    private static float[] gaussian(int n, Random r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
