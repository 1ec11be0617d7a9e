package io.sparksynth.config;

import java.io.Serializable;

/** Evaluation settings. */
public record EvaluateOptions(String target, int sampleRows, double pairMinCorrelation,
                              double pairMinCramersV) implements Serializable {
    static EvaluateOptions from(Section c) {
        EvaluateOptions e = new EvaluateOptions(c.getString("target"), c.getInt("sample-rows"),
                c.getDouble("pair-min-correlation"), c.getDouble("pair-min-cramers-v"));
        SynthConfig.check(e.sampleRows >= 100, "evaluate.sample-rows", "must be at least 100");
        // |correlation| and Cramer's V lie in [0, 1]: a threshold above 1 would silently leave no pair
        SynthConfig.check(e.pairMinCorrelation >= 0 && e.pairMinCorrelation <= 1, "evaluate.pair-min-correlation",
                "must be in [0, 1]");
        SynthConfig.check(e.pairMinCramersV >= 0 && e.pairMinCramersV <= 1, "evaluate.pair-min-cramers-v",
                "must be in [0, 1]");
        return e;
    }
}
