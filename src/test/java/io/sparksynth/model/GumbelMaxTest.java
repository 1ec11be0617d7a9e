package io.sparksynth.model;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bounded Gumbel-max draw picks exactly the slot that computing every Gumbel draw picks (the
 * published rows depend on it), and consumes the same uniforms.
 */
@Tag("fast")
class GumbelMaxTest {

    /** The draw as generation always computed it: every slot's score, the first largest wins. */
    private static int naive(float[] raw, int o, float[] bias, int bo, int w, RandomGenerator rng) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < w; k++) {
            double score = raw[o + k] + (bias == null ? 0 : bias[bo + k]) + GumbelMax.gumbel(rng);
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }

    private static void assertSame(float[] raw, float[] bias, long seed) {
        GumbelMax fast = new GumbelMax();
        SplittableRandom a = new SplittableRandom(seed);
        SplittableRandom b = new SplittableRandom(seed);
        for (int o = 0; o + 1 < raw.length; o += 7) {
            int w = Math.min(raw.length - o, 1 + (o % 43));
            assertEquals(naive(raw, o, bias, o, w, a), fast.draw(raw, o, bias, o, w, b), "offset " + o);
        }
        assertEquals(a.nextLong(), b.nextLong(), "the same uniforms consumed");
    }

    @Test
    void sameSlotAsEveryDrawComputed() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 400; t++) {
            float[] raw = new float[500];
            float[] bias = new float[500];
            double spread = t % 4 == 0 ? 1e-6 : t % 4 == 1 ? 0.1 : t % 4 == 2 ? 3 : 30;
            for (int k = 0; k < raw.length; k++) {
                raw[k] = (float) (r.nextGaussian() * spread);
                bias[k] = (float) (r.nextGaussian() * 0.5);
            }
            assertSame(raw, t % 2 == 0 ? null : bias, t);
        }
    }

    @Test
    void tiesInfinitiesAndNaNsAsBefore() {
        float[] equal = new float[300];
        assertSame(equal, null, 1);
        float[] odd = new float[300];
        for (int k = 0; k < odd.length; k++) {
            odd[k] = switch (k % 5) {
                case 0 -> Float.NaN;
                case 1 -> Float.NEGATIVE_INFINITY;
                case 2 -> k % 3 == 0 ? Float.POSITIVE_INFINITY : 0f;
                default -> -1e30f;
            };
        }
        assertSame(odd, null, 2);
        float[] nan = new float[300];
        java.util.Arrays.fill(nan, Float.NaN);
        assertSame(nan, null, 3);
    }
}
