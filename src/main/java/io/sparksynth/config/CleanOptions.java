package io.sparksynth.config;

import java.io.Serializable;
import java.util.List;

/** Opt-in cleaning; the defaults reproduce values exactly as the input spells them. */
public record CleanOptions(boolean trimStrings, List<String> missingMarkers, boolean failOnNonFinite,
                           List<Double> clipQuantiles) implements Serializable {
    static CleanOptions from(Section c) {
        String nonFinite = c.getString("non-finite");
        SynthConfig.check(nonFinite.equals("null") || nonFinite.equals("fail"),
                "clean.non-finite", "must be \"null\" or \"fail\", not \"" + nonFinite + "\"");
        List<Double> clip = List.copyOf(c.getDoubleList("clip-quantiles"));
        SynthConfig.check(clip.isEmpty() || (clip.size() == 2 && clip.get(0) >= 0 && clip.get(0) < clip.get(1)
                && clip.get(1) <= 1), "clean.clip-quantiles", "must be [] or [low, high] with 0 <= low < high <= 1");
        return new CleanOptions(c.getBoolean("trim-strings"), List.copyOf(c.getStringList("missing-markers")),
                nonFinite.equals("fail"), clip);
    }
}
