package io.sparksynth.model;

import io.sparksynth.config.GanOptions;
import io.sparksynth.preprocess.TableTransform;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * How the two networks meet the encoded table: the generator reads noise and a conditional vector
 * and writes an encoded row through the output activations; the discriminator reads packs of
 * encoded rows with their conditions. Training and generation both build their inputs here, so a
 * row generated from a seed is the row training would have drawn.
 */
public record GanLayout(int width, int noiseDim, int pac, OutputActivation activation, ConditionSampler sampler,
                        ImageSlot image) implements Serializable {

    /** The layout of a model; {@code image} is where the convolutional networks find the image, null for dense ones. */
    public static GanLayout of(TableTransform transform, GanOptions gan) {
        return new GanLayout(transform.width(), gan.noiseDim(), gan.pac(),
                new OutputActivation(transform.blocks(), transform.width(), transform.choiceBias()),
                new ConditionSampler(transform, gan.conditional()), gan.conv() ? ImageSlot.of(transform) : null);
    }

    /** Whether the networks are the convolutional pair. */
    public boolean conv() {
        return image != null;
    }

    public int conditionWidth() {
        return sampler.dim();
    }

    public int generatorInput() {
        return noiseDim + sampler.dim();
    }

    public int discriminatorInput() {
        return (width + sampler.dim()) * pac;
    }

    /**
     * The generator's input for {@code rows} rows: per row, {@code noiseDim} standard normal draws
     * followed by the row's condition (a slice of {@code cond}, rows x conditionWidth).
     */
    public float[] generatorInput(int rows, float[] cond, RandomGenerator rng) {
        return generatorInput(rows, noiseDim, cond, sampler.dim(), rng);
    }

    /**
     * Encoded rows as generation draws them without conditions: each row's condition drawn by real
     * frequency, tanh values, one-hot choices sampled (with the calibration's offsets, if any).
     */
    public float[] sampleRows(GeneratorNetwork generator, int rows, RandomGenerator rng) {
        float[] cond = sampledConditions(rows, rng);
        return activation.sample(generator.forward(generatorInput(rows, cond, rng), rows, false), rows, rng);
    }

    /** The conditional vectors of {@code rows} rows as generation draws them: each row's condition by real frequency. */
    public float[] sampledConditions(int rows, RandomGenerator rng) {
        int c = conditionWidth();
        float[] cond = new float[rows * c];
        if (c > 0) {
            sampler.sample(rows, false, null, rng, cond, new int[rows], new int[rows]);
        }
        return cond;
    }

    /** As {@link #generatorInput(int, float[], RandomGenerator)}, for a condition width {@code c}. */
    static float[] generatorInput(int rows, int noiseDim, float[] cond, int c, RandomGenerator rng) {
        float[] input = new float[rows * (noiseDim + c)];
        for (int i = 0; i < rows; i++) {
            int base = i * (noiseDim + c);
            for (int k = 0; k < noiseDim; k++) {
                input[base + k] = (float) rng.nextGaussian();
            }
            System.arraycopy(cond, i * c, input, base + noiseDim, c);
        }
        return input;
    }
}
