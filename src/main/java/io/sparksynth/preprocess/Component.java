package io.sparksynth.preprocess;

import java.io.Serializable;

/**
 * One mode of a continuous column. A point mass stands for a single value that a large share of
 * the column holds (Adult's capital-gain is 92 % zeros): it is reproduced exactly, never smoothed.
 * A range component maps values to {@code alpha = (x - center) / scale}, which the generator
 * produces with a tanh.
 */
public record Component(boolean pointMass, double center, double scale, double weight) implements Serializable {
    static Component point(double value, double weight) {
        return new Component(true, value, 0, weight);
    }

    static Component range(double center, double scale, double weight) {
        return new Component(false, center, scale > 0 ? scale : 1e-12, weight);
    }

    /** Unnormalised posterior density of x under a Gaussian with sd = scale / 4 (the CTGAN convention). */
    double density(double x) {
        double sd = scale / 4;
        double z = (x - center) / sd;
        return weight * Math.exp(-0.5 * z * z) / sd;
    }
}
