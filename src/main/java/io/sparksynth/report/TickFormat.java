package io.sparksynth.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;

/**
 * Tick labels for people, for one axis range. XChart picks the tick values (multiples of 1, 2 or 5
 * times a power of ten) and asks for each label separately, so the precision comes from the range:
 * values are rounded one digit finer than the finest step XChart takes on our charts (an eighth of
 * the range), then trailing zeros are dropped, so a round tick shows no spurious digit and a tick
 * XChart puts at a data value (a histogram's bin edge) is off by a hundredth of the range at most.
 * Large values get k/M/G suffixes, the values of an axis that stays below 0.001 scientific notation.
 * XChart takes a coarser step whenever two labels come out equal, so the labels stay distinct.
 *
 * @param roundingExponent values are rounded to multiples of 10^roundingExponent
 * @param suffixes         k/M/G for thousands, millions, billions
 * @param scientific       2.5e-4 style
 * @param integral         whole numbers only (epochs, rows)
 */
record TickFormat(int roundingExponent, boolean suffixes, boolean scientific, boolean integral)
        implements Function<Double, String> {
    /** most ticks an axis of the report shows; a finer step is not given digits */
    static final int MAX_TICKS = 8;
    private static final double SUFFIX_FROM = 10_000;
    private static final double SCIENTIFIC_BELOW = 1e-3;
    private static final String[] SUFFIXES = {"", "k", "M", "G", "T"};

    /** Labels for an axis over [lo, hi] (either order; a constant or empty range gets a unit range). */
    static TickFormat of(double lo, double hi) {
        double min = Math.min(lo, hi);
        double max = Math.max(lo, hi);
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (!Double.isFinite(magnitude)) {
            return new TickFormat(0, false, false, false);
        }
        double span = max > min ? max - min : magnitude > 0 ? magnitude : 1;
        int exponent = (int) Math.floor(Math.log10(niceStep(span / MAX_TICKS))) - 1;
        return new TickFormat(exponent, magnitude >= SUFFIX_FROM, magnitude > 0 && magnitude < SCIENTIFIC_BELOW,
                false);
    }

    /**
     * Labels for a count (epochs, rows): whole numbers only. A fractional tick gets an empty label;
     * XChart then sees repeated labels and moves on to a coarser, whole step.
     */
    static TickFormat ofIntegers(double lo, double hi) {
        TickFormat f = of(lo, hi);
        return new TickFormat(Math.max(0, f.roundingExponent), f.suffixes, false, true);
    }

    /** The smallest 1, 2 or 5 times a power of ten at least {@code x}: the steps XChart uses. */
    static double niceStep(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[]{1, 2, 5}) {
            if (m * p >= x * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    @Override
    public String apply(Double value) {
        double v = value;
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (integral && Math.abs(v - Math.rint(v)) > 1e-9 * Math.max(1, Math.abs(v))) {
            return "";
        }
        BigDecimal rounded = BigDecimal.valueOf(v).setScale(-roundingExponent, RoundingMode.HALF_EVEN);
        if (rounded.signum() == 0) {
            return "0";
        }
        if (scientific) {
            return scientific(rounded);
        }
        int group = suffixes ? Math.min(SUFFIXES.length - 1, (rounded.precision() - rounded.scale() - 1) / 3) : 0;
        BigDecimal scaled = rounded.movePointLeft(3 * group).stripTrailingZeros();
        return decimal(Math.max(0, scaled.scale())).format(scaled) + SUFFIXES[group];
    }

    /** e.g. 2.5e-4: the mantissa keeps the digits the step needs. */
    private static String scientific(BigDecimal rounded) {
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        return decimal(Math.max(0, mantissa.scale())).format(mantissa) + "e" + exponent;
    }

    private static DecimalFormat decimal(int fractionDigits) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(fractionDigits);
        f.setMaximumFractionDigits(fractionDigits);
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f;
    }
}
