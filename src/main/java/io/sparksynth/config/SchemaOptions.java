package io.sparksynth.config;

import java.io.Serializable;
import java.util.List;

/** How columns are classified and which are left out. */
public record SchemaOptions(List<String> categorical, List<String> continuous, List<String> exclude,
                            int integerCategoricalMaxDistinct, boolean failOnUnsupported) implements Serializable {
    static SchemaOptions from(Section c) {
        String unsupported = c.getString("unsupported");
        SynthConfig.check(unsupported.equals("exclude") || unsupported.equals("fail"),
                "schema.unsupported", "must be \"exclude\" or \"fail\", not \"" + unsupported + "\"");
        SchemaOptions s = new SchemaOptions(List.copyOf(c.getStringList("categorical")),
                List.copyOf(c.getStringList("continuous")), List.copyOf(c.getStringList("exclude")),
                c.getInt("integer-categorical-max-distinct"), unsupported.equals("fail"));
        SynthConfig.check(s.integerCategoricalMaxDistinct >= 0, "schema.integer-categorical-max-distinct",
                "must be >= 0");
        return s;
    }
}
