package io.sparksynth.config;

import java.io.Serializable;

/** How columns are encoded for the networks. */
public record TransformOptions(Normalization continuous, int maxModes, double pointMassMinShare,
                               int maxCategories, int fitSampleRows, boolean deriveDependencies,
                               int dependencyMinRows, int rareMinCount, boolean freshRareValues)
        implements Serializable {

    /** Continuous normalisation schemes. */
    public enum Normalization { MINMAX, STANDARD, MODE_SPECIFIC, QUANTILE }

    static TransformOptions from(Section c) {
        String n = c.getString("continuous");
        Normalization norm = switch (n) {
            case "minmax" -> Normalization.MINMAX;
            case "standard" -> Normalization.STANDARD;
            case "mode-specific" -> Normalization.MODE_SPECIFIC;
            case "quantile" -> Normalization.QUANTILE;
            default -> throw io.sparksynth.SynthException.usage("config key transform.continuous must be "
                    + "\"minmax\", \"standard\", \"mode-specific\" or \"quantile\", not \"" + n + "\"");
        };
        TransformOptions t = new TransformOptions(norm, c.getInt("max-modes"), c.getDouble("point-mass-min-share"),
                c.getInt("max-categories"), c.getInt("fit-sample-rows"), c.getBoolean("derive-dependent-columns"),
                c.getInt("dependency-min-rows"), c.getInt("rare-min-count"), rareValues(c.getString("rare-values")));
        SynthConfig.check(t.maxModes >= 1 && t.maxModes <= 50, "transform.max-modes", "must be in 1..50");
        SynthConfig.check(t.pointMassMinShare >= 0 && t.pointMassMinShare < 1, "transform.point-mass-min-share",
                "must be in [0, 1)");
        SynthConfig.check(t.maxCategories >= 2, "transform.max-categories", "must be at least 2");
        SynthConfig.check(t.fitSampleRows >= 100, "transform.fit-sample-rows", "must be at least 100");
        SynthConfig.check(t.dependencyMinRows >= 1, "transform.dependency-min-rows", "must be at least 1");
        SynthConfig.check(t.rareMinCount >= 1, "transform.rare-min-count", "must be at least 1");
        return t;
    }

    /** "fresh": a string column's rare values decode to new values of their shape; "copy": to real rare spellings. */
    private static boolean rareValues(String v) {
        SynthConfig.check(v.equals("fresh") || v.equals("copy"), "transform.rare-values",
                "must be \"fresh\" or \"copy\", not \"" + v + "\"");
        return v.equals("fresh");
    }
}
