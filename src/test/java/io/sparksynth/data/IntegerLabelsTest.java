package io.sparksynth.data;

import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Integers with more values than schema.integer-categorical-max-distinct are continuous unless they
 * only code a categorical column (then categorical, so the transform derives them).
 */
class IntegerLabelsTest {
    /** 2,000 rows: a 16-value category, its 16-value integer code, a code broken by stray nulls, and a 16-value score independent of it. */
    private static Dataset<Row> table() {
        return TestSpark.session().sql("""
                SELECT concat('level-', cast(id % 16 AS string)) AS level,
                       int(id % 16) * 3 + 1 AS code,
                       CASE WHEN id % 97 = 5 THEN NULL ELSE int((id * 7) % 16) END AS code_with_stray_nulls,
                       int((id / 16) % 16) AS score
                FROM range(2000)""");
    }

    private static Map<String, ColumnKind> kinds(String... settings) {
        SynthConfig cfg = SynthConfig.load(null, List.of(settings));
        return SchemaInspector.inspect(table(), cfg.schema, cfg.transform, "the test table").stream()
                .collect(Collectors.toMap(ColumnSpec::name, ColumnSpec::kind));
    }

    @Test
    void anIntegerCodeOfACategoryIsCategoricalAndAnOrderedScoreContinuous() {
        Map<String, ColumnKind> k = kinds();
        assertEquals(ColumnKind.CATEGORICAL, k.get("level"));
        assertEquals(ColumnKind.CATEGORICAL, k.get("code"), "16 values, a function of level");
        // (id * 7) % 16 is a function of id % 16, but the nulls fall on rows of every level: not a code
        assertEquals(ColumnKind.CONTINUOUS, k.get("code_with_stray_nulls"));
        assertEquals(ColumnKind.CONTINUOUS, k.get("score"), "16 ordered values that no category determines");
    }

    @Test
    void aColumnForcedContinuousStaysContinuousAndTheThresholdStillDecides() {
        Map<String, ColumnKind> forced = kinds("schema.continuous=[code]");
        assertEquals(ColumnKind.CONTINUOUS, forced.get("code"));
        Map<String, ColumnKind> wide = kinds("schema.integer-categorical-max-distinct=20");
        assertEquals(ColumnKind.CATEGORICAL, wide.get("score"), "16 values under a threshold of 20");
    }

    @Test
    void aCodeIsLeftContinuousWhenTheTransformWouldNotDeriveIt() {
        assertEquals(ColumnKind.CONTINUOUS, kinds("transform.derive-dependent-columns=false").get("code"),
                "not derived, so learned: as the ordered numbers it holds");
        // 2,000 rows over 16 levels are 125 rows per value, fewer than the 200 asked for
        assertEquals(ColumnKind.CONTINUOUS, kinds("transform.dependency-min-rows=200").get("code"));
        assertEquals(ColumnKind.CATEGORICAL, kinds("transform.dependency-min-rows=100").get("code"));
    }
}
