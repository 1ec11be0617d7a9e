package io.sparksynth.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The exact two-sample Kolmogorov-Smirnov statistic of several columns at scale, with no sketch
 * error: values of both tables are counted per distinct value, range-partitioned and sorted by
 * (column, value); one pass sums each partition's counts, a second walks the sorted values with
 * the running totals of the partitions before it and keeps the largest gap between the two
 * empirical CDFs. Nulls are dropped. Memory on the driver is per partition, not per row.
 */
public final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {
    }

    public static Map<String, Double> statistics(Dataset<Row> real, Dataset<Row> synthetic, List<String> columns) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return out;
        }
        Dataset<Row> values = longFormat(real, columns, 0).unionAll(longFormat(synthetic, columns, 1));
        Dataset<Row> counted = values.groupBy("c", "v")
                .agg(sum(when(col("s").equalTo(0), 1L).otherwise(0L)).as("r"),
                        sum(when(col("s").equalTo(1), 1L).otherwise(0L)).as("y"))
                .orderBy("c", "v");
        JavaRDD<long[]> sorted = counted.javaRDD()
                .map(r -> new long[]{r.getInt(0), Double.doubleToLongBits(r.getDouble(1)), r.getLong(2), r.getLong(3)})
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            int n = columns.size();
            // pass 1: per partition and column, the counts of each side
            List<Tuple2<Integer, long[]>> partSums = new ArrayList<>(sorted.mapPartitionsWithIndex((idx, it) -> {
                long[] s = new long[2 * n];
                while (it.hasNext()) {
                    long[] r = it.next();
                    s[2 * (int) r[0]] += r[2];
                    s[2 * (int) r[0] + 1] += r[3];
                }
                return List.of(new Tuple2<>(idx, s)).iterator();
            }, true).collect());
            partSums.sort((a, b) -> Integer.compare(a._1(), b._1()));
            long[] totals = new long[2 * n];
            Map<Integer, long[]> before = new HashMap<>();
            for (Tuple2<Integer, long[]> p : partSums) {
                before.put(p._1(), totals.clone());
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += p._2()[i];
                }
            }
            // pass 2: largest CDF gap per column
            double[] max = sorted.mapPartitionsWithIndex((idx, it) -> {
                long[] cum = before.get(idx).clone();
                double[] m = new double[n];
                while (it.hasNext()) {
                    long[] r = it.next();
                    int c = (int) r[0];
                    cum[2 * c] += r[2];
                    cum[2 * c + 1] += r[3];
                    double gap = Math.abs((double) cum[2 * c] / totals[2 * c]
                            - (double) cum[2 * c + 1] / totals[2 * c + 1]);
                    if (gap > m[c]) {
                        m[c] = gap;
                    }
                }
                return List.of(m).iterator();
            }, true).reduce((a, b) -> {
                double[] m = new double[n];
                for (int i = 0; i < n; i++) {
                    m[i] = Math.max(a[i], b[i]);
                }
                return m;
            });
            for (int i = 0; i < n; i++) {
                long nr = totals[2 * i];
                long ns = totals[2 * i + 1];
                // an all-null side has no distribution: identical if both are empty, else maximally apart
                out.put(columns.get(i), nr == 0 || ns == 0 ? (nr == ns ? 0.0 : 1.0) : max[i]);
            }
            return out;
        } finally {
            sorted.unpersist(false);
        }
    }

    private static Dataset<Row> longFormat(Dataset<Row> data, List<String> columns, int side) {
        List<Column> pairs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            pairs.add(struct(lit(i).as("c"), col(quote(columns.get(i))).cast("double").as("v")));
        }
        return data.select(explode(array(pairs.toArray(new Column[0]))).as("p"))
                .select(col("p.c").as("c"), col("p.v").as("v"), lit(side).as("s"))
                .where(col("v").isNotNull().and(col("v").equalTo(Double.NaN).unary_$bang()));
    }
}
