package io.sparksynth.preprocess;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mode-specific mixture on samples drawn (seeded) from known Gaussian mixtures. With as many
 * modes as the truth the fit must find each mode's mean, spread and weight; with the default ten
 * modes maximum-likelihood EM splits a true mode into several overlapping components, so there the
 * test checks what the encoding relies on: the weight near each true mode, the fitted mixture's CDF
 * against the sample's, and no heavy component away from the data.
 */
@Tag("fast")
class MixtureFitterTest {
    private static final double[] TWO_WEIGHTS = {0.3, 0.7};
    private static final double[] TWO_MEANS = {-5, 5};
    private static final double[] TWO_SDS = {1, 1};
    private static final double[] THREE_WEIGHTS = {0.2, 0.5, 0.3};
    private static final double[] THREE_MEANS = {-10, 0, 8};
    private static final double[] THREE_SDS = {1, 2, 0.5};

    @Test
    void recoversTwoModesWhenAskedForTwo() {
        double[] x = mixture(1, 5000, TWO_WEIGHTS, TWO_MEANS, TWO_SDS);
        assertRecovered(MixtureFitter.fit(x, 2, 1.0), TWO_WEIGHTS, TWO_MEANS, TWO_SDS);
    }

    @Test
    void recoversThreeModesWhenAskedForThree() {
        double[] x = mixture(2, 6000, THREE_WEIGHTS, THREE_MEANS, THREE_SDS);
        assertRecovered(MixtureFitter.fit(x, 3, 1.0), THREE_WEIGHTS, THREE_MEANS, THREE_SDS);
    }

    /** Means within 0.1 sd, sds within 10 %, weights within 0.02 (about 3 binomial sds at n = 5000). */
    private static void assertRecovered(List<Component> fit, double[] w, double[] mean, double[] sd) {
        assertEquals(w.length, fit.size(), "one component per true mode: " + fit);
        for (int j = 0; j < w.length; j++) {
            Component c = fit.get(j);
            assertEquals(mean[j], c.center(), 0.1 * sd[j], "mean of mode " + j + ": " + fit);
            assertEquals(sd[j], c.scale() / 4, 0.1 * sd[j], "sd of mode " + j + " (scale = 4 sd): " + fit);
            assertEquals(w[j], c.weight(), 0.02, "weight of mode " + j + ": " + fit);
        }
    }

    @ParameterizedTest(name = "max-modes {0}")
    @ValueSource(ints = {3, 5, 10})
    void moreModesThanTheTruthKeepEachTrueModesWeight(int maxModes) {
        double[] x = mixture(2, 6000, THREE_WEIGHTS, THREE_MEANS, THREE_SDS);
        List<Component> fit = MixtureFitter.fit(x, maxModes, 1.0);
        double[] weight = new double[THREE_MEANS.length];
        double[] weightedCenter = new double[THREE_MEANS.length];
        for (Component c : fit) {
            int j = nearest(THREE_MEANS, c.center());
            assertEquals(THREE_MEANS[j], c.center(), 2 * THREE_SDS[j], "a component between the true modes: " + fit);
            weight[j] += c.weight();
            weightedCenter[j] += c.weight() * c.center();
        }
        for (int j = 0; j < THREE_MEANS.length; j++) {
            assertEquals(THREE_WEIGHTS[j], weight[j], 0.02, "weight around mode " + j + ": " + fit);
            assertEquals(THREE_MEANS[j], weightedCenter[j] / weight[j], 0.1 * THREE_SDS[j],
                    "mean around mode " + j + ": " + fit);
        }
        assertTrue(distanceToSample(fit, x) < 0.02, "the mixture's CDF is off the sample's by "
                + distanceToSample(fit, x) + ": " + fit);
    }

    @ParameterizedTest(name = "max-modes {0}")
    @ValueSource(ints = {1, 2, 3, 10})
    void aUnimodalSampleGetsNoSpuriousHeavyComponent(int maxModes) {
        double mean = 3;
        double sd = 2;
        double[] x = mixture(3, 5000, new double[]{1}, new double[]{mean}, new double[]{sd});
        List<Component> fit = MixtureFitter.fit(x, maxModes, 1.0);
        double fittedMean = 0;
        double fittedSecond = 0;
        for (Component c : fit) {
            double s = c.scale() / 4;
            fittedMean += c.weight() * c.center();
            fittedSecond += c.weight() * (s * s + c.center() * c.center());
            if (c.weight() >= 0.05) {
                assertEquals(mean, c.center(), 1.5 * sd, "a heavy component in the tail: " + fit);
                assertTrue(s <= 1.1 * sd, "a heavy component wider than the data: " + fit);
            }
        }
        assertEquals(mean, fittedMean, 0.05 * sd, "mixture mean: " + fit);
        assertEquals(sd, Math.sqrt(fittedSecond - fittedMean * fittedMean), 0.05 * sd, "mixture sd: " + fit);
        assertTrue(distanceToSample(fit, x) < 0.02, "the mixture's CDF is off the sample's by "
                + distanceToSample(fit, x) + ": " + fit);
        if (maxModes == 1) {
            assertEquals(sd, fit.get(0).scale() / 4, 0.05 * sd);
        }
    }

    @Test
    void componentsKeepTheContract() {
        double[] x = mixture(4, 1500, THREE_WEIGHTS, THREE_MEANS, THREE_SDS);
        for (int maxModes : new int[]{1, 2, 4, 10, 50}) {
            double total = 0.7; // the share left to range components beside point masses
            List<Component> fit = MixtureFitter.fit(x, maxModes, total);
            assertFalse(fit.isEmpty());
            assertTrue(fit.size() <= maxModes, fit.size() + " components for max-modes " + maxModes);
            assertEquals(total, fit.stream().mapToDouble(Component::weight).sum(), 1e-9, "weights sum to the total");
            for (int k = 0; k < fit.size(); k++) {
                Component c = fit.get(k);
                assertFalse(c.pointMass(), "only range components: " + fit);
                assertTrue(c.weight() >= MixtureFitter.MIN_WEIGHT * total, "light components are pruned: " + fit);
                assertTrue(c.scale() > 0 && Double.isFinite(c.scale()) && Double.isFinite(c.center()), fit.toString());
                if (k > 0) {
                    assertTrue(fit.get(k - 1).center() <= c.center(), "sorted by center: " + fit);
                }
            }
        }
    }

    @Test
    void theFitDependsOnTheValuesNotOnTheirOrder() {
        double[] x = mixture(5, 3000, TWO_WEIGHTS, TWO_MEANS, TWO_SDS);
        double[] shuffled = x.clone();
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        double[] before = x.clone();
        assertEquals(MixtureFitter.fit(x, 10, 1.0), MixtureFitter.fit(shuffled, 10, 1.0));
        assertTrue(Arrays.equals(before, x), "the caller's array is left as it was");
    }

    @Test
    void degenerateSamplesDoNotCrash() {
        double[][] samples = {
                {1.5},
                {1, 2},
                {1, 1, 2},
                {7, 7},
                constant(7, 23),
                constant(-0.25, 5000),
                {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                {1e-12, 2e-12, 3e-12, 1e-12, 2e-12, 3e-12, 1e-12, 2e-12, 3e-12, 1e-12, 2e-12, 3e-12},
                {1e12, 1e12 + 1, 1e12 + 2, 1e12 + 3, 1e12 + 4, 1e12 + 5, 1e12 + 6, 1e12 + 7, 1e12 + 8, 1e12 + 9},
        };
        for (double[] x : samples) {
            double min = Arrays.stream(x).min().orElseThrow();
            double max = Arrays.stream(x).max().orElseThrow();
            for (int maxModes : new int[]{1, 10}) {
                List<Component> fit = MixtureFitter.fit(x, maxModes, 0.8);
                String what = Arrays.toString(Arrays.copyOf(x, Math.min(6, x.length))) + " (" + x.length
                        + " values), max-modes " + maxModes + ": " + fit;
                assertFalse(fit.isEmpty(), what);
                assertEquals(0.8, fit.stream().mapToDouble(Component::weight).sum(), 1e-9, what);
                for (Component c : fit) {
                    assertTrue(c.center() >= min - 1e-9 * Math.abs(min) && c.center() <= max + 1e-9 * Math.abs(max),
                            "center inside the data's range: " + what);
                    assertTrue(c.scale() > 0 && Double.isFinite(c.scale()), "a usable scale: " + what);
                    assertTrue(c.weight() > 0 && Double.isFinite(c.weight()), what);
                }
            }
        }
    }

    // ---- helpers

    /** n draws from the mixture: a component by its weight, then a Gaussian (Box-Muller). */
    static double[] mixture(long seed, int n, double[] weight, double[] mean, double[] sd) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int j = 0;
            double cumulative = weight[0];
            while (u >= cumulative && j < weight.length - 1) {
                j++;
                cumulative += weight[j];
            }
            double gaussian = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            x[i] = mean[j] + sd[j] * gaussian;
        }
        return x;
    }

    private static double[] constant(double v, int n) {
        double[] x = new double[n];
        Arrays.fill(x, v);
        return x;
    }

    private static int nearest(double[] means, double v) {
        int best = 0;
        for (int j = 1; j < means.length; j++) {
            if (Math.abs(means[j] - v) < Math.abs(means[best] - v)) {
                best = j;
            }
        }
        return best;
    }

    /** Kolmogorov-Smirnov distance between the fitted mixture (sd = scale / 4) and the sample. */
    private static double distanceToSample(List<Component> fit, double[] sample) {
        double[] x = sample.clone();
        Arrays.sort(x);
        double total = fit.stream().mapToDouble(Component::weight).sum();
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double f = 0;
            for (Component c : fit) {
                f += c.weight() / total * normalCdf((x[i] - c.center()) / (c.scale() / 4));
            }
            worst = Math.max(worst, Math.max(Math.abs(f - (double) i / x.length), Math.abs(f - (i + 1.0) / x.length)));
        }
        return worst;
    }

    /** Standard normal CDF through erf, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double normalCdf(double z) {
        double t = Math.abs(z) / Math.sqrt(2);
        double k = 1 / (1 + 0.3275911 * t);
        double poly = k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))));
        double erf = 1 - poly * Math.exp(-t * t);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
