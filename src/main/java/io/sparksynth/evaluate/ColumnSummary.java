package io.sparksynth.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The describe() row of one column of one table: count and null fraction, then moments and
 * quartiles (continuous) or distinct values and top frequencies (categorical).
 */
record ColumnSummary(long count, double nullFraction, double mean, double std, double min, double p25, double p50,
                     double p75, double max, long distinct, LinkedHashMap<String, Double> top) {

    Map<String, Object> toJson(boolean continuous) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("null_fraction", nullFraction);
        if (continuous) {
            m.put("mean", mean);
            m.put("std", std);
            m.put("min", min);
            m.put("p25", p25);
            m.put("p50", p50);
            m.put("p75", p75);
            m.put("max", max);
        } else {
            m.put("distinct", distinct);
            m.put("top", top);
        }
        return m;
    }
}
