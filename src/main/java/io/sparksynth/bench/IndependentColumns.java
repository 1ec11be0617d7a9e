package io.sparksynth.bench;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The simplest baseline a generator must beat: every column of the real training rows shuffled on
 * its own (each marginal kept exactly, every relation between columns broken). Each column is
 * ordered by a seeded hash of the whole row, numbered, and the columns are joined on that number:
 * distributed, and the same rows for the same seed whatever the partitioning.
 */
final class IndependentColumns {
    private IndependentColumns() {
    }

    static Dataset<Row> of(SparkSession spark, Dataset<Row> real, long seed) {
        String[] names = real.columns();
        Column[] all = Arrays.stream(names).map(n -> col("`" + n + "`")).toArray(Column[]::new);
        JavaPairRDD<Long, List<Object>> rows = null;
        for (int i = 0; i < names.length; i++) {
            Column[] keyed = new Column[all.length + 1];
            System.arraycopy(all, 0, keyed, 0, all.length);
            keyed[all.length] = lit(seed * 1_000_003L + i);
            // ties (identical rows) hold the same value of this column, so their order does not matter
            JavaPairRDD<Long, Object> column = real.select(xxhash64(keyed).as("k"), all[i].as("v"))
                    .orderBy(col("k"), col("v")).select("v").javaRDD()
                    .zipWithIndex().mapToPair(t -> new Tuple2<>(t._2(), t._1().get(0)));
            if (rows == null) {
                rows = column.mapValues(v -> {
                    List<Object> l = new ArrayList<>();
                    l.add(v);
                    return l;
                });
            } else {
                rows = rows.join(column).mapValues(t -> {
                    List<Object> l = new ArrayList<>(t._1());
                    l.add(t._2());
                    return l;
                });
            }
        }
        return spark.createDataFrame(rows.values().map(l -> RowFactory.create(l.toArray())), real.schema());
    }
}
