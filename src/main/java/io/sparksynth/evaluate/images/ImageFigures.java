package io.sparksynth.evaluate.images;

import java.util.List;

/**
 * What the report draws of one image column, already reduced to a few images: per class (in
 * {@code classes} order) up to {@link ImageEvaluator#SAMPLES_PER_CLASS} real training images and as many
 * synthetic ones (each class's first by a seeded hash), and the mean image of each class over all its
 * real training rows and all its synthetic rows (Spark aggregations; null for a class without rows).
 * Every image is channels first ([channel][row][column]) and scaled to [0, 1] by the real range
 * ({@code min}, {@code max}): 0 is drawn black, 1 white.
 */
public record ImageFigures(String label, List<String> classes, int height, int width, int channels, double min,
                           double max, List<List<float[]>> realSamples, List<List<float[]>> syntheticSamples,
                           List<float[]> realMeans, List<float[]> syntheticMeans) {
}
