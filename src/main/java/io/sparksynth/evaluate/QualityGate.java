package io.sparksynth.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparksynth.SynthException;
import io.sparksynth.io.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thresholds on metrics that decide whether a synthetic table is published. Each metric fails on
 * its bad side: below the threshold for scores where higher is better (column_shapes,
 * column_pair_trends, ml_efficacy.tstr_f1, ...), above it for distances and detectability
 * (detection_auc, correlation_mad, privacy.exact_match_rate, any *.ks or *.tvd, the image metrics'
 * *frechet_distance).
 */
public final class QualityGate {
    public record Check(String metric, double threshold, double value, boolean higherIsBetter, boolean passed) {
    }

    private static final List<String> ROOTS = List.of("column_shapes", "column_pair_trends", "correlation_mad",
            "detection_auc", "detection", "ml_efficacy", "privacy", "columns", "augmentation", "images");

    private final Map<String, Double> thresholds;

    private QualityGate(Map<String, Double> thresholds) {
        this.thresholds = thresholds;
    }

    /** Parses {@code metric=threshold[,metric=threshold...]}; null or blank means no gate. */
    public static QualityGate parse(String spec) {
        Map<String, Double> t = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                String root = kv[0].trim().split("\\.")[0];
                if (!ROOTS.contains(root)) {
                    throw SynthException.usage("--fail-below names unknown metric '" + kv[0].trim() + "'; metrics: "
                            + ROOTS + " (nested ones with dots, e.g. ml_efficacy.tstr_f1)");
                }
                try {
                    t.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
                } catch (RuntimeException e) {
                    throw SynthException.usage("--fail-below '" + part.trim() + "' is not metric=number, e.g. "
                            + "column_shapes=0.9,detection_auc=0.8");
                }
            }
        }
        return new QualityGate(t);
    }

    public static boolean higherIsBetter(String metric) {
        String m = metric.toLowerCase();
        return !(m.endsWith("auc") || m.endsWith("mad") || m.endsWith(".ks") || m.endsWith(".tvd")
                || m.endsWith("exact_match_rate") || m.endsWith("frechet_distance"));
    }

    /**
     * Checks every threshold against the metrics, each named by its path in metrics.json; a metric
     * the file does not have is a usage error naming it.
     */
    public List<Check> check(Metrics metrics) {
        JsonNode json = Json.MAPPER.valueToTree(metrics);
        List<Check> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : thresholds.entrySet()) {
            double v = lookup(json, e.getKey());
            boolean up = higherIsBetter(e.getKey());
            boolean ok = up ? v >= e.getValue() : v <= e.getValue();
            out.add(new Check(e.getKey(), e.getValue(), v, up, ok));
        }
        return out;
    }

    static double lookup(JsonNode metrics, String path) {
        JsonNode node = metrics;
        for (String part : path.split("\\.")) {
            if (!node.has(part)) {
                List<String> top = new ArrayList<>();
                metrics.fieldNames().forEachRemaining(top::add);
                throw SynthException.usage("--fail-below names metric '" + path + "', which metrics.json does not "
                        + "have; top-level metrics: " + top);
            }
            node = node.get(part);
        }
        if (!node.isNumber()) {
            throw SynthException.usage("--fail-below metric '" + path + "' is not a number");
        }
        return node.doubleValue();
    }
}
