package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.ValueCounts;

import java.util.HashSet;

import java.util.Set;

/** Per-column similarity scores with SDMetrics' definitions. */
final class ColumnScores {
    private ColumnScores() {
    }

    /**
     * The scores of one column: shape is 1 - KS (continuous, {@code ks} given) or 1 - TVD
     * (categorical, from the value counts), with null similarity and range or category coverage.
     */
    static Metrics.ColumnScore score(ColumnSpec spec, ColumnSummary real, ColumnSummary synth, Double ks,
                                     ValueCounts.Top realCounts, ValueCounts.Top synthCounts) {
        double nullSimilarity = 1 - Math.abs(real.nullFraction() - synth.nullFraction());
        if (spec.continuous()) {
            return new Metrics.ColumnScore(spec.kind().label(), real, synth, ks, null,
                    rangeCoverage((ColumnSummary.Continuous) real, (ColumnSummary.Continuous) synth), null, 1 - ks,
                    nullSimilarity);
        }
        double tvd = tvd(realCounts, real.count(), synthCounts, synth.count());
        return new Metrics.ColumnScore(spec.kind().label(), real, synth, null, tvd, null,
                categoryCoverage(realCounts, synthCounts), 1 - tvd, nullSimilarity);
    }

    /** Total variation distance over the union of categories, nulls dropped. */
    static double tvd(ValueCounts.Top real, long realNonNull, ValueCounts.Top synth, long synthNonNull) {
        if (realNonNull == 0 || synthNonNull == 0) {
            return realNonNull == synthNonNull ? 0 : 1;
        }
        Set<String> all = new HashSet<>(real.values().keySet());
        all.addAll(synth.values().keySet());
        double sum = 0;
        double trackedR = 0;
        double trackedS = 0;
        for (String v : all) {
            double pr = real.values().getOrDefault(v, 0L) / (double) realNonNull;
            double ps = synth.values().getOrDefault(v, 0L) / (double) synthNonNull;
            trackedR += pr;
            trackedS += ps;
            sum += Math.abs(pr - ps);
        }
        // untracked rare values (beyond the counted ones) as one remaining bucket each side
        sum += Math.abs((1 - trackedR) - (1 - trackedS));
        return Math.min(1, 0.5 * sum);
    }

    static double categoryCoverage(ValueCounts.Top real, ValueCounts.Top synth) {
        if (real.values().isEmpty()) {
            return 1;
        }
        long covered = real.values().keySet().stream().filter(synth.values()::containsKey).count();
        return (double) covered / real.values().size();
    }

    static double rangeCoverage(ColumnSummary.Continuous real, ColumnSummary.Continuous synth) {
        return rangeCoverage(real.min(), real.max(), synth.min(), synth.max());
    }

    /** The share of the real range [realMin, realMax] that the synthetic range covers (SDMetrics' RangeCoverage). */
    static double rangeCoverage(double realMin, double realMax, double synthMin, double synthMax) {
        double range = realMax - realMin;
        if (!(range > 0) || Double.isNaN(synthMin)) {
            return Double.isNaN(synthMin) ? 0 : 1;
        }
        double low = Math.max((synthMin - realMin) / range, 0);
        double high = Math.max((realMax - synthMax) / range, 0);
        return Math.max(0, 1 - (low + high));
    }

}
