package io.sparksynth.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The simplest baseline a generator must beat: every column sampled on its own from the real
 * training values, with replacement (each marginal as a sample of the real one, every relation
 * between columns broken). With replacement, so that its column shapes carry the same sampling
 * noise as any generator's rows of that size; a permutation would reproduce the training
 * marginals exactly. The real rows are numbered in the order of a seeded hash of their content,
 * and output row j takes column i from row hash(j, i) mod n: distributed joins, and the same
 * rows for the same seed whatever the partitioning (and, at a given parallelism, in the same order).
 */
final class IndependentColumns {
    private static final String ROW = "__row";
    private static final String PICK = "__pick";

    private IndependentColumns() {
    }

    static Dataset<Row> of(SparkSession spark, Dataset<Row> real, long seed) {
        String[] names = real.columns();
        Column[] all = Arrays.stream(names).map(n -> col("`" + n + "`")).toArray(Column[]::new);
        Column[] keyed = Arrays.copyOf(all, all.length + 1);
        keyed[all.length] = lit(seed);
        List<Column> order = new ArrayList<>(List.of(xxhash64(keyed)));
        order.addAll(Arrays.asList(all)); // identical rows tie, and are interchangeable
        StructType numbered = real.schema().add(ROW, DataTypes.LongType, false);
        Dataset<Row> rows = spark.createDataFrame(real.orderBy(order.toArray(Column[]::new)).javaRDD().zipWithIndex()
                .map(t -> {
                    Object[] v = new Object[names.length + 1];
                    for (int i = 0; i < names.length; i++) {
                        v[i] = t._1().get(i);
                    }
                    v[names.length] = t._2();
                    return RowFactory.create(v);
                }), numbered).cache();
        long n = rows.count();
        Dataset<Row> out = spark.range(n).withColumnRenamed("id", ROW);
        for (int i = 0; i < names.length; i++) {
            Dataset<Row> picks = spark.range(n).select(col("id").as(ROW),
                    pmod(xxhash64(col("id"), lit(seed * 1_000_003L + i)), lit(n)).as(PICK));
            Dataset<Row> values = rows.select(col(ROW).as(PICK), all[i]);
            out = out.join(picks.join(values, PICK).drop(PICK), ROW);
        }
        // a join's output order follows the shuffle's fetch order; the learned metrics' bootstrap
        // samples follow row order, so fix both the partitions and the order within them
        return out.repartition(spark.sparkContext().defaultParallelism(), col(ROW)).sortWithinPartitions(ROW)
                .select(all);
    }
}
