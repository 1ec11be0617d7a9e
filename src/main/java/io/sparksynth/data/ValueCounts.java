package io.sparksynth.data;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

/**
 * Frequencies of the non-null values of several columns in one distributed grouped count:
 * per column, the {@code limit} most frequent values (ties by value, so the order is stable) and
 * the number of distinct values. Values are compared as strings (numbers as doubles).
 */
public final class ValueCounts {
    /** Top values of one column, most frequent first, and how many distinct values it has. */
    public record Top(LinkedHashMap<String, Long> values, long distinct) {
    }

    private ValueCounts() {
    }

    /** @param numeric per column: compare as double (continuous) rather than as spelled */
    public static Map<String, Top> of(Dataset<Row> data, List<String> columns, List<Boolean> numeric, int limit) {
        Map<String, Top> out = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return out;
        }
        List<Column> pairs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column v = col(quote(columns.get(i)));
            if (numeric.get(i)) {
                v = v.cast("double");
            }
            pairs.add(struct(lit(i).as("i"), v.cast("string").as("v")));
        }
        Dataset<Row> top = data.select(explode(array(pairs.toArray(new Column[0]))).as("p"))
                .select(col("p.i").as("i"), col("p.v").as("v"))
                .where(col("v").isNotNull())
                .groupBy("i", "v").agg(count(lit(1)).as("n"))
                .withColumn("rank", row_number().over(Window.partitionBy("i").orderBy(desc("n"), col("v"))))
                .withColumn("distinct", count(lit(1)).over(Window.partitionBy("i")))
                .where(col("rank").leq(limit))
                .orderBy(col("i"), col("rank"));
        List<LinkedHashMap<String, Long>> values = new ArrayList<>();
        long[] distinct = new long[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            values.add(new LinkedHashMap<>());
        }
        for (Row r : top.collectAsList()) {
            int i = r.getInt(0);
            values.get(i).put(r.getString(1), r.getLong(2));
            distinct[i] = r.getLong(4);
        }
        for (int i = 0; i < columns.size(); i++) {
            out.put(columns.get(i), new Top(values.get(i), distinct[i]));
        }
        return out;
    }
}
