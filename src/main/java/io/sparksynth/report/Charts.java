package io.sparksynth.report;

import io.sparksynth.evaluate.Metrics;
import io.sparksynth.evaluate.PlotData;
import io.sparksynth.evaluate.images.ImageScores;
import io.sparksynth.model.EpochRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The report's figures as PNG images (XChart, headless): real in blue, synthetic in orange. Titles
 * and axis titles say what is plotted; tick labels come from {@link Axes}, names from {@link ShortLabels}.
 */
public final class Charts {
    static final Color REAL = new Color(31, 119, 180);
    static final Color SYNTH = new Color(255, 127, 14);
    /** blue, white, red: light enough at both ends for black cell values to stay readable */
    private static final Color[] DIVERGING = {new Color(69, 117, 180), Color.WHITE, new Color(215, 48, 39)};
    /** white to red, for a scale that starts at 0 (absolute differences) */
    private static final Color[] SEQUENTIAL = {Color.WHITE, new Color(215, 48, 39)};
    /** pixels a category label takes per character, along it */
    private static final int PX_PER_LABEL_CHAR = 6;
    /** the width of a bar chart's plot area, for its labels */
    private static final int BARS_PLOT_WIDTH = 330;

    private Charts() {
    }

    public static byte[] losses(List<EpochRecord> history) {
        XYChart c = xy("Training losses and validation score per epoch", "epoch", "loss / score", 640, 360);
        double[] e = history.stream().mapToDouble(EpochRecord::epoch).toArray();
        line(c, "D on real rows", e, history.stream().mapToDouble(EpochRecord::discriminatorReal).toArray(), REAL);
        line(c, "D on fake rows", e, history.stream().mapToDouble(EpochRecord::discriminatorFake).toArray(), SYNTH);
        line(c, "G", e, history.stream().mapToDouble(EpochRecord::generator).toArray(), new Color(44, 160, 44));
        List<EpochRecord> scored = history.stream().filter(r -> !Double.isNaN(r.validation())).toList();
        if (!scored.isEmpty()) { // the score that chose the saved generator, on the same 0..1 scale
            line(c, "validation score", scored.stream().mapToDouble(EpochRecord::epoch).toArray(),
                    scored.stream().mapToDouble(EpochRecord::validation).toArray(), Color.BLACK);
        }
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Axes.format(c, true);
        return png(c);
    }

    /**
     * One point per number of real training rows tried, equally spaced and labelled with that
     * number: the sizes grow geometrically, so this reads as a log axis with every size named.
     */
    public static byte[] augmentation(Metrics.AugmentationCurve aug) {
        CategoryChart c = new CategoryChartBuilder().width(520).height(340)
                .title("Holdout " + aug.metric() + " by number of real training rows")
                .xAxisTitle("real training rows").yAxisTitle(aug.metric() + " on the real holdout").build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setOverlapped(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        TickFormat rows = TickFormat.ofIntegers(0, aug.realRows().stream().mapToLong(Long::longValue).max().orElse(1));
        List<String> k = aug.realRows().stream().map(n -> rows.apply(n.doubleValue())).toList();
        curve(c, "real rows only", k, aug.realOnly(), REAL);
        curve(c, "real + as many synthetic rows", k, aug.realPlusSynthetic(), SYNTH);
        c.getStyler().setMarkerSize(7);
        Axes.formatY(c, false);
        return png(c);
    }

    /**
     * The image augmentation experiment: holdout accuracy of the CNN by real images per class, alone
     * and with the synthetic images added; one labelled point per k, equally spaced (k grows
     * geometrically), as {@link #augmentation}.
     */
    public static byte[] imageAugmentation(String column, ImageScores.Augmentation aug) {
        CategoryChart c = new CategoryChartBuilder().width(520).height(340)
                .title(column + ": CNN accuracy on the real holdout by real images per class")
                .xAxisTitle("real training images per class (k)").yAxisTitle("accuracy on the real holdout").build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        c.getStyler().setOverlapped(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<String> k = aug.realPerClass().stream().map(String::valueOf).toList();
        curve(c, "k real only", k, aug.realOnly(), REAL);
        curve(c, "k real + " + aug.syntheticPerClass() + " synthetic per class", k, aug.realPlusSynthetic(), SYNTH);
        c.getStyler().setMarkerSize(7);
        Axes.formatY(c, false);
        return png(c);
    }

    /** Sorted values against their cumulative share, on a fixed 0..1 axis: the paper's cumulative-sum plot. */
    public static byte[] cumulative(String column, double[][] cdf) {
        XYChart c = xy(column + ": cumulative distribution", column, "share of rows \u2264 value", 400, 290);
        smallMultiple(c.getStyler());
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        line(c, "real", cdf[1], cdf[0], REAL);
        line(c, "synthetic", cdf[2], cdf[0], SYNTH);
        Axes.format(c, false);
        return png(c);
    }

    /** Bin shares as an outline over the bins' edges (the bins are equal-width, {@code h[0]} their centres). */
    public static byte[] histogram(String column, double[][] h) {
        XYChart c = xy(column + ": distribution", column + " (" + h[0].length + " equal bins)",
                "share of rows in bin", 400, 290);
        smallMultiple(c.getStyler());
        c.getStyler().setYAxisMin(0.0);
        double[] edges = Histogram.edges(h[0]);
        line(c, "real", Histogram.outlineX(edges), Histogram.outlineY(h[1]), REAL);
        line(c, "synthetic", Histogram.outlineX(edges), Histogram.outlineY(h[2]), SYNTH);
        Axes.format(c, false);
        return png(c);
    }

    /**
     * The most frequent real categories. Labels stay level where they fit side by side, else they
     * are rotated and the chart is as tall as its longest label needs.
     */
    public static byte[] bars(String column, PlotData.Bars b) {
        List<String> labels = ShortLabels.of(b.categories(), ShortLabels.MAX);
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        boolean level = labels.size() * (longest + 2) * PX_PER_LABEL_CHAR <= BARS_PLOT_WIDTH;
        CategoryChart c = new CategoryChartBuilder().width(400).height(level ? 260 : 230 + PX_PER_LABEL_CHAR * longest)
                .title(column + ": most frequent categories").yAxisTitle("share of rows").build();
        style(c.getStyler());
        smallMultiple(c.getStyler());
        c.getStyler().setXAxisLabelRotation(level ? 0 : 60);
        c.getStyler().setAvailableSpaceFill(0.8);
        c.addSeries("real", labels, box(b.real())).setFillColor(REAL);
        c.addSeries("synthetic", labels, box(b.synthetic())).setFillColor(SYNTH);
        Axes.formatY(c, true);
        return png(c);
    }

    /**
     * A correlation matrix with full column names (rotated below), two-decimal cells and a colour
     * scale; the first column at the top left, so the diagonal runs down as in a printed matrix.
     */
    public static byte[] heatmap(String title, List<String> columns, double[][] m, double min, double max) {
        List<String> labels = ShortLabels.of(columns, ShortLabels.MAX);
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        HeatMapChart c = new HeatMapChartBuilder().width(380 + PX_PER_LABEL_CHAR * longest)
                .height(340 + PX_PER_LABEL_CHAR * longest).title(title).build();
        HeatMapStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(s.getChartTitleFont().deriveFont(13f));
        s.setXAxisLabelRotation(60);
        s.setShowValue(columns.size() <= 10);
        s.setHeatMapValueDecimalPattern("0.00");
        s.setValueFont(s.getValueFont().deriveFont(Font.PLAIN, columns.size() <= 6 ? 13f : 10f));
        s.setMin(min);
        s.setMax(max);
        s.setRangeColors(min < 0 ? DIVERGING : SEQUENTIAL);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Number[]> cells = new ArrayList<>();
        int n = columns.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells.add(new Number[]{i, n - 1 - j, Double.isNaN(m[i][j]) ? 0 : m[i][j]});
            }
        }
        List<String> rows = new ArrayList<>(labels);
        Collections.reverse(rows);
        c.addSeries("Pearson r", labels, rows, cells);
        return png(c);
    }

    /**
     * Real value against synthetic value per continuous column, with the diagonal: the paper's
     * mean/std plot. Log-log where the values span a decade or more (a log axis within one decade
     * shows no tick label), both axes over the same range so the diagonal is one.
     */
    public static byte[] realVsSynthetic(String quantity, double[] real, double[] synth) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < real.length; i++) {
            if (real[i] > 0 && synth[i] > 0) {
                xs.add(real[i]);
                ys.add(synth[i]);
            }
        }
        if (xs.isEmpty()) {
            xs.add(1.0);
            ys.add(1.0);
        }
        double lo = Math.min(Collections.min(xs), Collections.min(ys));
        double hi = Math.max(Collections.max(xs), Collections.max(ys));
        boolean log = hi >= 10 * lo;
        String scale = log ? " (log)" : "";
        XYChart c = xy(quantity + " per column", quantity + " in real rows" + scale,
                quantity + " in synthetic rows" + scale, 400, 340);
        c.getStyler().setXAxisLogarithmic(log).setYAxisLogarithmic(log);
        double pad = log ? 0 : (hi - lo) * 0.08;
        c.getStyler().setXAxisMin(lo - pad).setXAxisMax(hi + pad).setYAxisMin(lo - pad).setYAxisMax(hi + pad);
        line(c, "real = synthetic", new double[]{lo, hi}, new double[]{lo, hi}, Color.GRAY);
        XYSeries s = c.addSeries("columns", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(SYNTH);
        c.getStyler().setMarkerSize(8);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        Axes.format(c, false);
        return png(c);
    }

    /** @param axes the two axis titles, e.g. "PC1 (31 % of variance)" */
    public static byte[] scatter(String title, double[][] points, Color color, double[] xRange, double[] yRange,
                                 String[] axes) {
        XYChart c = xy(title, axes[0], axes[1], 420, 360);
        c.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]).setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        double[] x = points.length == 0 ? new double[]{0} : Arrays.stream(points).mapToDouble(p -> p[0]).toArray();
        double[] y = points.length == 0 ? new double[]{0} : Arrays.stream(points).mapToDouble(p -> p[1]).toArray();
        XYSeries s = c.addSeries("rows", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
        c.getStyler().setMarkerSize(4);
        c.getStyler().setLegendVisible(false);
        Axes.format(c, false);
        return png(c);
    }

    private static void curve(CategoryChart c, String name, List<String> x, List<Double> y, Color color) {
        CategorySeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    private static XYChart xy(String title, String x, String y, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(0);
        return c;
    }

    /**
     * A line series whose points are added right to left. XChart puts the ticks of an axis at the
     * data values themselves when these are evenly spaced in the order they were added (histogram
     * edges, the cumulative plot's shares), which gives ticks like 18.2167; backwards they are not,
     * and XChart picks round ticks. The line drawn is the same.
     */
    private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, reversed(x), reversed(y));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    private static double[] reversed(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[v.length - 1 - i];
        }
        return out;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleFont(s.getChartTitleFont().deriveFont(13f));
        s.setAntiAlias(true);
    }

    /** The small figures shown many to a row: the legend below the plot, where it hides no data. */
    private static void smallMultiple(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    private static List<Double> box(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
