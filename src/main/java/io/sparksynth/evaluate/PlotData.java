package io.sparksynth.evaluate;

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
        double[] pcaExplained) {

    /** Shares of the most frequent real categories in both tables. */
    public record Bars(List<String> categories, double[] real, double[] synthetic) {
    }

    public static PlotData empty() {
        return new PlotData(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new double[0][],
                new double[0][], new double[0]);
    }
}
