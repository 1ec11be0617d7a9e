package io.sparksynth.generate;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame over rows that are already Spark's internal rows. {@code createDataFrame} of
 * external {@code Row}s converts every value (a string is encoded to UTF-8 again for each row);
 * generated rows are made internal once, by {@code RowDecoder}, with each category's bytes cached.
 * Spark's own {@code internalCreateDataFrame} is package-private in Scala, which the JVM (and so
 * Java) does not enforce; the rows must match {@code schema}'s internal types.
 */
final class InternalRows {
    private InternalRows() {
    }

    static Dataset<Row> frame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
        return spark.internalCreateDataFrame(rows.rdd(), schema, false);
    }
}
