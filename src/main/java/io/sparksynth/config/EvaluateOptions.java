package io.sparksynth.config;

import java.io.Serializable;

/** Evaluation settings. */
public record EvaluateOptions(String target, int sampleRows, double pairMinCorrelation,
                              double pairMinCramersV) implements Serializable {
    static EvaluateOptions from(Section c) {
        EvaluateOptions e = new EvaluateOptions(c.getString("target"), c.getInt("sample-rows"),
                c.getDouble("pair-min-correlation"), c.getDouble("pair-min-cramers-v"));
        SynthConfig.check(e.sampleRows >= 100, "evaluate.sample-rows", "must be at least 100");
        return e;
    }
}
