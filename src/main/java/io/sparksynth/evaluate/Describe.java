package io.sparksynth.evaluate;

import io.sparksynth.data.ValueCounts;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.stddev_samp;

/**
 * The paper's describe() table, computed with one Spark aggregation per table. Quartiles come from
 * Spark's percentile sketch with accuracy 10,000 (rank error at most 1/10,000 of the rows).
 */
final class Describe {
    static final int QUANTILE_ACCURACY = 10_000;
    static final int TOP_VALUES = 5;

    private Describe() {
    }

    /** Summaries per column; {@code counts} are the categorical value counts of the same table. */
    static Map<String, ColumnSummary> of(Dataset<Row> data, Columns columns, Map<String, ValueCounts.Top> counts) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)));
        for (int i = 0; i < columns.size(); i++) {
            Column c = col(quote(columns.name(i)));
            aggs.add(count(c));
            if (columns.continuous(i)) {
                Column d = c.cast("double");
                aggs.add(avg(d));
                aggs.add(stddev_samp(d));
                aggs.add(min(d));
                aggs.add(max(d));
                aggs.add(percentile_approx(d, array(lit(0.25), lit(0.5), lit(0.75)), lit(QUANTILE_ACCURACY)));
            }
        }
        Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        long rows = r.getLong(0);
        Map<String, ColumnSummary> out = new LinkedHashMap<>();
        int k = 1;
        for (int i = 0; i < columns.size(); i++) {
            long n = r.getLong(k++);
            double nullFraction = rows == 0 ? 0 : 1 - (double) n / rows;
            if (columns.continuous(i)) {
                double mean = num(r, k++);
                double std = num(r, k++);
                double mn = num(r, k++);
                double mx = num(r, k++);
                List<Object> q = r.isNullAt(k) ? List.of() : r.getList(k);
                k++;
                out.put(columns.name(i), new ColumnSummary.Continuous(n, nullFraction, mean, std, mn, quartile(q, 0),
                        quartile(q, 1), quartile(q, 2), mx));
            } else {
                ValueCounts.Top top = counts.get(columns.name(i));
                LinkedHashMap<String, Double> freq = new LinkedHashMap<>();
                for (Map.Entry<String, Long> e : top.values().entrySet()) {
                    if (freq.size() == TOP_VALUES) {
                        break;
                    }
                    freq.put(e.getKey(), n == 0 ? 0 : (double) e.getValue() / n);
                }
                out.put(columns.name(i), new ColumnSummary.Categorical(n, nullFraction, top.distinct(), freq));
            }
        }
        return out;
    }

    private static double num(Row r, int i) {
        return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
    }

    private static double quartile(List<Object> q, int i) {
        return q.size() > i && q.get(i) != null ? ((Number) q.get(i)).doubleValue() : Double.NaN;
    }
}
