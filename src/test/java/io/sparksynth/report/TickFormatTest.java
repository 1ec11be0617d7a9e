package io.sparksynth.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tick labels on the ranges the report's axes meet (shares of a few per cent, ages, row weights up
 * to a million and more, returns around zero, tiny values), for every tick step XChart may pick on
 * them: the labels must be distinct, short and exact, with no digit beyond what the value needs.
 */
@Tag("fast")
class TickFormatTest {

    @ParameterizedTest(name = "{0} .. {1}")
    @CsvSource({"0.001, 0.04", "17, 90", "0, 1000000", "12285, 1484705", "-0.12, 0.08", "-90, -17",
            "-1500000, 250000", "0, 1", "0.8, 0.86", "0.00001, 0.0004", "1, 99", "0, 99999"})
    void roundTicksGetDistinctShortExactLabels(double lo, double hi) {
        TickFormat f = TickFormat.of(lo, hi);
        double span = hi - lo;
        // the steps XChart takes on our charts: from about an eighth of the range to a half
        for (double step = TickFormat.niceStep(span / TickFormat.MAX_TICKS); step <= span / 2;
             step = TickFormat.niceStep(step * 1.5)) {
            List<BigDecimal> ticks = ticks(lo, hi, step);
            List<String> labels = ticks.stream().map(t -> f.apply(t.doubleValue())).toList();
            String where = lo + ".." + hi + " step " + step + ": " + labels;
            assertEquals(labels.size(), new HashSet<>(labels).size(), "distinct labels, " + where);
            for (int i = 0; i < labels.size(); i++) {
                String label = labels.get(i);
                assertTrue(label.length() <= 7, "short label, " + where);
                assertTrue(!label.matches(".*\\.\\d*0(\\D.*)?$") && !label.equals("-0"),
                        "no trailing zero after the point, no -0, " + where);
                assertEquals(0, ticks.get(i).compareTo(parse(label)), "the label is the tick's value, " + where);
            }
        }
    }

    @Test
    void labelsReadAsPeopleWriteThem() {
        assertEquals(List.of("20", "30", "40", "50", "60", "70", "80", "90"), labels(17, 90, 10));
        assertEquals(List.of("0", "200k", "400k", "600k", "800k", "1M"), labels(0, 1_000_000, 200_000));
        assertEquals(List.of("500k", "1M"), labels(12_285, 1_484_705, 500_000));
        assertEquals(List.of("200k", "400k", "600k", "800k", "1M", "1.2M", "1.4M"), labels(12_285, 1_484_705, 200_000));
        assertEquals(List.of("0.01", "0.02", "0.03", "0.04"), labels(0.001, 0.04, 0.01));
        assertEquals(List.of("0.005", "0.01", "0.015", "0.02", "0.025", "0.03", "0.035", "0.04"),
                labels(0.001, 0.04, 0.005));
        assertEquals(List.of("-0.1", "-0.05", "0", "0.05"), labels(-0.12, 0.08, 0.05));
        assertEquals(List.of("1e-4", "2e-4", "3e-4", "4e-4"), labels(0.00001, 0.0004, 0.0001));
        assertEquals(List.of("0", "2,000", "4,000", "6,000", "8,000"), labels(0, 9_000, 2_000));
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), labels(0, 1, 0.2));
    }

    /** XChart's own arithmetic leaves noise (0.30000000000000004, -1e-17): it must not show. */
    @Test
    void floatingPointNoiseDoesNotShow() {
        TickFormat f = TickFormat.of(0, 1);
        assertEquals("0.3", f.apply(0.1 + 0.2));
        assertEquals("0", f.apply(-1e-17));
        assertEquals("0.7", f.apply(0.7000000000000001));
    }

    /**
     * Where XChart puts ticks at data values (evenly spaced ones), the labels are the values
     * rounded to a hundredth of the range: 18.2 for the bin edge 18.2167, never the raw digits.
     */
    @Test
    void dataValuedTicksAreRoundedToTheRange() {
        TickFormat age = TickFormat.of(17, 90);
        double w = (90 - 17) / 30.0;
        List<String> labels = new ArrayList<>();
        for (int i = 0; i <= 30; i += 3) {
            double edge = 17 + i * w;
            String label = age.apply(edge);
            labels.add(label);
            assertTrue(label.length() <= 4, "short: " + label);
            assertTrue(Math.abs(Double.parseDouble(label) - edge) <= (90 - 17) / 100.0, label + " is near " + edge);
        }
        assertEquals(labels.size(), new HashSet<>(labels).size(), "distinct: " + labels);
    }

    /** Epochs and row counts: a fractional tick gets no label, so XChart moves to whole steps. */
    @Test
    void integralAxesLabelWholeNumbersOnly() {
        TickFormat f = TickFormat.ofIntegers(1, 3);
        assertEquals("2", f.apply(2.0));
        assertEquals("", f.apply(1.5));
        assertEquals("4,000", TickFormat.ofIntegers(0, 4000).apply(4000.0));
    }

    @Test
    void degenerateRangesStillLabel() {
        assertEquals("5", TickFormat.of(5, 5).apply(5.0));
        assertEquals("0", TickFormat.of(0, 0).apply(0.0));
        assertEquals("NaN", TickFormat.of(0, 1).apply(Double.NaN));
    }

    private static List<String> labels(double lo, double hi, double step) {
        TickFormat f = TickFormat.of(lo, hi);
        return ticks(lo, hi, step).stream().map(t -> f.apply(t.doubleValue())).toList();
    }

    /** The multiples of {@code step} in [lo, hi], exact, as XChart computes them. */
    private static List<BigDecimal> ticks(double lo, double hi, double step) {
        BigDecimal s = BigDecimal.valueOf(step);
        BigDecimal t = BigDecimal.valueOf(Math.ceil(lo / step)).multiply(s);
        List<BigDecimal> out = new ArrayList<>();
        for (; t.doubleValue() <= hi * (1 + 1e-12) + 1e-300; t = t.add(s)) {
            out.add(t.stripTrailingZeros());
        }
        return out;
    }

    /** A label back to its value: thousands separators, k/M/G suffixes, e notation. */
    private static BigDecimal parse(String label) {
        String s = label.replace(",", "");
        int pow = s.endsWith("k") ? 3 : s.endsWith("M") ? 6 : s.endsWith("G") ? 9 : 0;
        if (pow > 0) {
            s = s.substring(0, s.length() - 1);
        }
        return new BigDecimal(s).movePointRight(pow);
    }
}
