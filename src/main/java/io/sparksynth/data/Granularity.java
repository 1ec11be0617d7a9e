package io.sparksynth.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The unit a date or timestamp column is learned and generated in: the coarsest unit every real
 * value is a whole number of (dates are always days), so that generated values are whole units too.
 */
public enum Granularity {
    @JsonProperty("day") DAY(86_400_000_000L),
    @JsonProperty("hour") HOUR(3_600_000_000L),
    @JsonProperty("minute") MINUTE(60_000_000L),
    @JsonProperty("second") SECOND(1_000_000L),
    @JsonProperty("millisecond") MILLISECOND(1_000L),
    @JsonProperty("microsecond") MICROSECOND(1L);

    private final long micros;

    Granularity(long micros) {
        this.micros = micros;
    }

    /** The unit's length in microseconds, Spark's timestamp resolution. */
    public long micros() {
        return micros;
    }
}
