package io.sparksynth.report;

import io.sparksynth.evaluate.Metrics;
import io.sparksynth.evaluate.PlotData;
import io.sparksynth.model.EpochRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The report's figures as PNG images (XChart, headless): real in blue, synthetic in orange. */
public final class Charts {
    static final Color REAL = new Color(31, 119, 180);
    static final Color SYNTH = new Color(255, 127, 14);

    private Charts() {
    }

    public static byte[] losses(List<EpochRecord> history) {
        XYChart c = xy("Training losses", "epoch", "loss", 640, 360);
        double[] e = history.stream().mapToDouble(EpochRecord::epoch).toArray();
        line(c, "D on real rows", e, history.stream().mapToDouble(EpochRecord::discriminatorReal).toArray(), REAL);
        line(c, "D on fake rows", e, history.stream().mapToDouble(EpochRecord::discriminatorFake).toArray(), SYNTH);
        line(c, "G", e, history.stream().mapToDouble(EpochRecord::generator).toArray(), new Color(44, 160, 44));
        return png(c);
    }

    public static byte[] augmentation(Metrics.AugmentationCurve aug) {
        XYChart c = xy("Holdout " + aug.metric() + " by real training rows", "real training rows", aug.metric(),
                520, 340);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setXAxisDecimalPattern("#,##0");
        c.getStyler().setYAxisDecimalPattern("0.###");
        double[] k = aug.realRows().stream().mapToDouble(Long::doubleValue).toArray();
        double[] r = aug.realOnly().stream().mapToDouble(Double::doubleValue).toArray();
        double[] a = aug.realPlusSynthetic().stream().mapToDouble(Double::doubleValue).toArray();
        line(c, "real only", k, r, REAL).setMarker(SeriesMarkers.CIRCLE);
        line(c, "real + synthetic", k, a, SYNTH).setMarker(SeriesMarkers.CIRCLE);
        c.getStyler().setMarkerSize(6);
        return png(c);
    }

    /** Sorted values against their cumulative share: the paper's cumulative-sum plot. */
    public static byte[] cumulative(String column, double[][] cdf) {
        XYChart c = xy(column, "value", "cumulative share", 360, 260);
        line(c, "real", cdf[1], cdf[0], REAL);
        line(c, "synthetic", cdf[2], cdf[0], SYNTH);
        return png(c);
    }

    public static byte[] histogram(String column, double[][] h) {
        XYChart c = xy(column, "value", "share of rows", 360, 260);
        XYSeries r = line(c, "real", h[0], h[1], REAL);
        XYSeries s = line(c, "synthetic", h[0], h[2], SYNTH);
        r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return png(c);
    }

    public static byte[] bars(String column, PlotData.Bars b) {
        CategoryChart c = new CategoryChartBuilder().width(360).height(260).title(column).yAxisTitle("share").build();
        style(c.getStyler());
        c.getStyler().setXAxisLabelRotation(60);
        c.getStyler().setAvailableSpaceFill(0.8);
        List<String> labels = b.categories().stream().map(s -> s.length() > 14 ? s.substring(0, 13) + "~" : s).toList();
        c.addSeries("real", labels, box(b.real())).setFillColor(REAL);
        c.addSeries("synthetic", labels, box(b.synthetic())).setFillColor(SYNTH);
        return png(c);
    }

    public static byte[] heatmap(String title, List<String> columns, double[][] m, double min, double max) {
        HeatMapChart c = new HeatMapChartBuilder().width(420).height(380).title(title).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(columns.size() <= 8);
        c.getStyler().setMin(min);
        c.getStyler().setMax(max);
        c.getStyler().setRangeColors(new Color[]{new Color(49, 54, 149), Color.WHITE, new Color(165, 0, 38)});
        List<Number[]> cells = new ArrayList<>();
        int n = columns.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells.add(new Number[]{i, j, Double.isNaN(m[i][j]) ? 0 : Math.round(m[i][j] * 100) / 100.0});
            }
        }
        List<String> labels = columns.stream().map(s -> s.length() > 10 ? s.substring(0, 9) + "~" : s).toList();
        c.addSeries("r", labels, labels, cells);
        return png(c);
    }

    /** Real value against synthetic value, log-log, with the diagonal: the paper's mean/std plot. */
    public static byte[] realVsSynthetic(String title, double[] real, double[] synth) {
        XYChart c = xy(title, "real", "synthetic", 360, 320);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
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
        double lo = Math.min(xs.stream().min(Double::compare).get(), ys.stream().min(Double::compare).get());
        double hi = Math.max(xs.stream().max(Double::compare).get(), ys.stream().max(Double::compare).get());
        line(c, "identity", new double[]{lo, hi}, new double[]{lo, hi}, Color.GRAY);
        XYSeries s = c.addSeries("columns", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(SYNTH);
        return png(c);
    }

    public static byte[] scatter(String title, double[][] points, Color color, double[] xRange, double[] yRange) {
        XYChart c = xy(title, "PC1", "PC2", 420, 360);
        c.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]).setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        double[] x = points.length == 0 ? new double[]{0} : Arrays.stream(points).mapToDouble(p -> p[0]).toArray();
        double[] y = points.length == 0 ? new double[]{0} : Arrays.stream(points).mapToDouble(p -> p[1]).toArray();
        XYSeries s = c.addSeries("rows", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 110));
        c.getStyler().setMarkerSize(4);
        c.getStyler().setLegendVisible(false);
        return png(c);
    }

    private static XYChart xy(String title, String x, String y, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(0);
        c.getStyler().setXAxisDecimalPattern("#,##0.####");
        c.getStyler().setYAxisDecimalPattern("0.##");
        c.getStyler().setXAxisMaxLabelCount(6);
        return c;
    }

    private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleFont(s.getChartTitleFont().deriveFont(13f));
        s.setAntiAlias(true);
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
