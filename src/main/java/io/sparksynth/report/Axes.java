package io.sparksynth.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * Number formats of the report's axes, set once a chart holds its data since they depend on the
 * range plotted: {@link TickFormat} labels on linear axes, a decimal pattern on logarithmic ones
 * (XChart's log axis only takes a pattern; a label function would turn it linear).
 */
final class Axes {
    private Axes() {
    }

    /** Formats both axes of {@code c} for the range of its data (or the range the chart was given). */
    static void format(XYChart c, boolean integralX) {
        AxesChartStyler s = c.getStyler();
        double[] x = range(c.getSeriesMap().values().stream().flatMapToDouble(v -> DoubleStream.of(v.getXData())),
                s.getXAxisMin(), s.getXAxisMax());
        double[] y = range(c.getSeriesMap().values().stream().flatMapToDouble(v -> DoubleStream.of(v.getYData())),
                s.getYAxisMin(), s.getYAxisMax());
        if (c.getStyler().isXAxisLogarithmic()) {
            s.setXAxisDecimalPattern(logPattern(x));
        } else {
            s.setxAxisTickLabelsFormattingFunction(integralX ? TickFormat.ofIntegers(x[0], x[1])
                    : TickFormat.of(x[0], x[1]));
        }
        if (c.getStyler().isYAxisLogarithmic()) {
            s.setYAxisDecimalPattern(logPattern(y));
        } else {
            s.setyAxisTickLabelsFormattingFunction(TickFormat.of(y[0], y[1]));
        }
    }

    /** Formats the value axis of a category chart; {@code fromZero} for bars, which XChart starts at 0. */
    static void formatY(CategoryChart c, boolean fromZero) {
        double[] y = range(c.getSeriesMap().values().stream().map(CategorySeries::getYData)
                .flatMap(Collection::stream).mapToDouble(Number::doubleValue), null, null);
        Function<Double, String> f = TickFormat.of(fromZero ? Math.min(0, y[0]) : y[0], y[1]);
        c.getStyler().setyAxisTickLabelsFormattingFunction(f);
    }

    /** Decade labels: plain with thousands separators, or 1E-4 style where the axis reaches below 0.001. */
    static String logPattern(double[] range) {
        return range[0] > 0 && range[0] < 1e-3 ? "0E0" : "#,##0.###";
    }

    /** The finite data range, where the chart's own bounds (if set) take precedence. */
    private static double[] range(DoubleStream values, Double min, Double max) {
        double[] v = values.filter(Double::isFinite).toArray();
        double lo = v.length == 0 ? 0 : Arrays.stream(v).min().getAsDouble();
        double hi = v.length == 0 ? 1 : Arrays.stream(v).max().getAsDouble();
        return new double[]{min != null ? min : lo, max != null ? max : hi};
    }
}
