package io.sparksynth.evaluate.images;

import java.io.Serializable;
import java.util.List;

/**
 * How a vector column's elements form an image, and how the classifier and the report read them.
 * The column stores an image row-major with channels last ({@code schema.shapes}: [height, width] or
 * [height, width, channels]); DL4J's convolutions take channels first, so {@link #input} reorders to
 * [channel][row][column]. Values are scaled to [0, 1] by the column's range over the real training
 * images ({@code min} to {@code max}): the classifier's input and the report's grey levels. Synthetic
 * values outside that range are passed on as they are (the report clips them).
 *
 * @param min the smallest element of the real training images
 * @param max the largest (equal to min for a constant column: every scaled value is then 0)
 */
record ImageLayout(int height, int width, int channels, double min, double max) implements Serializable {

    static ImageLayout of(List<Integer> shape, double min, double max) {
        return new ImageLayout(shape.get(0), shape.get(1), shape.size() > 2 ? shape.get(2) : 1, min, max);
    }

    /** Elements of one image. */
    int size() {
        return height * width * channels;
    }

    /** The image's elements, scaled to [0, 1] by the real range and reordered channels first. */
    float[] input(List<?> elements) {
        double scale = max > min ? 1 / (max - min) : 0;
        float[] out = new float[size()];
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < channels; ch++) {
                out[ch * plane + p] = (float) ((((Number) elements.get(p * channels + ch)).doubleValue() - min) * scale);
            }
        }
        return out;
    }

    /** {@link #input(List)} of an image given as an array, row-major, channels last. */
    float[] input(double[] elements) {
        return input(java.util.Arrays.stream(elements).boxed().toList());
    }

    /** "28 x 28" or "32 x 32 x 3". */
    String describe() {
        return height + " x " + width + (channels > 1 ? " x " + channels : "");
    }
}
