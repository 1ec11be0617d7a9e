package io.sparksynth.preprocess;

import io.sparksynth.data.ColumnSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.approx_count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Fits {@link FreshValues} with bounded Spark passes: a sample of at most {@link #SAMPLE} values
 * (the smallest seeded hashes, so the same whatever the partitioning) for the patterns, and the
 * set of characters seen at each of the first {@link FreshValues#MARKER_POSITIONS} positions over
 * all rows (at most positions x characters rows reach the driver) for the markers.
 */
final class FreshFitter {
    /** Values sampled to learn a column's patterns. */
    static final int SAMPLE = 2000;
    /** Patterns kept per column (the most frequent). */
    static final int MAX_PATTERNS = 200;

    private FreshFitter() {
    }

    private static long[] typeRange(String sparkType) {
        return switch (sparkType) {
            case "tinyint" -> new long[]{Byte.MIN_VALUE, Byte.MAX_VALUE};
            case "smallint" -> new long[]{Short.MIN_VALUE, Short.MAX_VALUE};
            case "int" -> new long[]{Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> new long[]{Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }

    /** An identifier column: a sequence past the real maximum (integers) or fresh unique strings. */
    static FreshValues identifier(Dataset<Row> data, ColumnSpec s, long nonNull, long seed) {
        Column c = col(quote(s.name()));
        boolean string = s.sparkType().equals("string");
        Row r = data.agg(approx_count_distinct(c, 0.01), string ? lit(0L) : min(c).cast("long"),
                string ? lit(0L) : max(c).cast("long")).first();
        double ratio = Math.min(1.0, (double) r.getLong(0) / nonNull);
        if (!string) {
            long[] range = typeRange(s.sparkType());
            return FreshValues.sequence(r.isNullAt(1) ? 0 : r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2), range[0],
                    range[1], ratio);
        }
        FreshValues f = strings(data, s.name(), List.of(), seed);
        f.distinctRatio = ratio;
        return f;
    }

    /** The shape of a string column's values other than {@code kept} (its frequent categories). */
    static FreshValues strings(Dataset<Row> data, String name, List<String> kept, long seed) {
        Column c = col(quote(name));
        Dataset<Row> values = data.select(c.as("v")).where(col("v").isNotNull());
        Dataset<Row> tail = kept.isEmpty() ? values : values.where(not(col("v").isin(kept.toArray())));
        List<Row> sample = tail.orderBy(xxhash64(lit(seed), col("v")), col("v")).limit(SAMPLE).collectAsList();
        Map<String, Long> patterns = new HashMap<>();
        for (Row row : sample) {
            patterns.merge(FreshValues.pattern(row.getString(0)), 1L, Long::sum);
        }
        // every real value (kept ones too) counts for the markers: a fresh value must equal none
        List<Row> seen = values.select(posexplode(split(col("v"), "")))
                .where(col("pos").lt(FreshValues.MARKER_POSITIONS).and(col("col").notEqual("")))
                .distinct().collectAsList();
        Map<Integer, Set<Character>> chars = new HashMap<>();
        for (Row row : seen) {
            String ch = row.getString(1);
            chars.computeIfAbsent(row.getInt(0), k -> new HashSet<>()).add(ch.charAt(0));
        }
        return FreshValues.strings(patterns, chars, MAX_PATTERNS, seed);
    }
}
