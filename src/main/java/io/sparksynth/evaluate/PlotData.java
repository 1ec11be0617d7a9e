package io.sparksynth.evaluate;

import io.sparksynth.evaluate.images.ImageFigures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report's figures show, already reduced by Spark to a size that fits a picture:
 * quantiles, histogram counts, category shares, a bounded PCA sample. Sample sizes are recorded.
 */
public record PlotData(
        /** per continuous column: {probabilities, real quantiles, synthetic quantiles} */
        Map<String, double[][]> cdf,
        /** per continuous column: {bin centres, real density, synthetic density} */
        Map<String, double[][]> histograms,
        /** per categorical column: categories, real and synthetic shares */
        Map<String, Bars> bars,
        /** 2-D principal components of real and synthetic sample rows, on axes fitted to the real rows */
        double[][] pcaReal,
        double[][] pcaSynthetic,
        double[] pcaExplained,
        /** per image column with image metrics: sample images and class means */
        Map<String, ImageFigures> images) {

    public PlotData {
        images = images == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    /** Figures without images. */
    public PlotData(Map<String, double[][]> cdf, Map<String, double[][]> histograms, Map<String, Bars> bars,
                    double[][] pcaReal, double[][] pcaSynthetic, double[] pcaExplained) {
        this(cdf, histograms, bars, pcaReal, pcaSynthetic, pcaExplained, Map.of());
    }

    /** The same figures with these image figures. */
    public PlotData withImages(Map<String, ImageFigures> figures) {
        return new PlotData(cdf, histograms, bars, pcaReal, pcaSynthetic, pcaExplained, figures);
    }

    /** Shares of the most frequent real categories in both tables. */
    public record Bars(List<String> categories, double[] real, double[] synthetic) {
    }

    public static PlotData empty() {
        return new PlotData(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new double[0][],
                new double[0][], new double[0]);
    }
}
