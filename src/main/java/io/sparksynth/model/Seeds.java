package io.sparksynth.model;

import java.util.SplittableRandom;

/** Derives independent, reproducible seeds from a base seed and a path of indices. */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long seed, long... path) {
        long s = seed;
        for (long p : path) {
            s = mix(s ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return s;
    }

    public static SplittableRandom random(long seed, long... path) {
        return new SplittableRandom(derive(seed, path));
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
