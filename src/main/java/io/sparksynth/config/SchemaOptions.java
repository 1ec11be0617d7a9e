package io.sparksynth.config;

import com.typesafe.config.ConfigUtil;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How columns are classified and which are left out.
 *
 * @param shapes image shapes of vector columns by column name: [height, width] or [height, width, channels]
 * @param identifierMinDistinctRatio a string or integer column whose distinct values are at least this share
 *                   of its non-null values is an identifier (generated fresh, not learned)
 * @param identifierMinRows ... when it has at least this many non-null values
 */
public record SchemaOptions(List<String> categorical, List<String> continuous, List<String> exclude,
                            int integerCategoricalMaxDistinct, boolean failOnUnsupported,
                            Map<String, List<Integer>> shapes, double identifierMinDistinctRatio,
                            long identifierMinRows) implements Serializable {
    static SchemaOptions from(Section c) {
        String unsupported = c.getString("unsupported");
        SynthConfig.check(unsupported.equals("exclude") || unsupported.equals("fail"),
                "schema.unsupported", "must be \"exclude\" or \"fail\", not \"" + unsupported + "\"");
        SchemaOptions s = new SchemaOptions(List.copyOf(c.getStringList("categorical")),
                List.copyOf(c.getStringList("continuous")), List.copyOf(c.getStringList("exclude")),
                c.getInt("integer-categorical-max-distinct"), unsupported.equals("fail"), c.getIntListMap("shapes"),
                c.getDouble("identifier-min-distinct-ratio"), c.getInt("identifier-min-rows"));
        SynthConfig.check(s.identifierMinDistinctRatio > 0, "schema.identifier-min-distinct-ratio",
                "must be > 0 (above 1: no identifiers)");
        SynthConfig.check(s.identifierMinRows >= 1, "schema.identifier-min-rows", "must be at least 1");
        SynthConfig.check(s.integerCategoricalMaxDistinct >= 0, "schema.integer-categorical-max-distinct",
                "must be >= 0");
        for (Map.Entry<String, List<Integer>> e : s.shapes.entrySet()) {
            List<Integer> dims = e.getValue();
            SynthConfig.check((dims.size() == 2 || dims.size() == 3) && dims.stream().allMatch(d -> d > 0),
                    shapeKey(e.getKey()), "must be [height, width] or [height, width, channels] of positive whole "
                            + "numbers, got " + dims);
        }
        return s;
    }

    /** The config key of a column's image shape, quoted as HOCON needs for names with dots or spaces. */
    public static String shapeKey(String column) {
        return "schema.shapes." + ConfigUtil.joinPath(column);
    }
}
