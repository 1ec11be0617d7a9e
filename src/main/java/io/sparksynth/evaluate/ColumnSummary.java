package io.sparksynth.evaluate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.LinkedHashMap;

/**
 * The describe() row of one column of one table: count and null fraction, then moments and
 * quartiles (continuous), distinct values and top frequencies (categorical), or moments and range
 * over all elements (vector). Written as the {@code real} / {@code synthetic} objects of a column in
 * metrics.json.
 */
public sealed interface ColumnSummary permits ColumnSummary.Continuous, ColumnSummary.Categorical,
        ColumnSummary.Vector {
    long count();

    double nullFraction();

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Continuous(long count, double nullFraction, double mean, double std, double min, double p25, double p50,
                      double p75, double max) implements ColumnSummary {
    }

    /**
     * A vector column, its elements pooled: {@code count} non-null vectors, and the mean, sample
     * standard deviation, minimum and maximum of all the elements they hold (NaN when there are none).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Vector(long count, double nullFraction, double mean, double std, double min, double max)
            implements ColumnSummary {
    }

    /** @param top the most frequent values with their share of the non-null rows, most frequent first */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Categorical(long count, double nullFraction, long distinct, LinkedHashMap<String, Double> top)
            implements ColumnSummary {
    }
}
