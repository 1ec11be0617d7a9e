package io.sparksynth.generate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** How generated rows are written: Parquet, replacing what is there (the caller's temporary directory). */
final class ParquetSink {
    private ParquetSink() {
    }

    static void write(Dataset<Row> rows, String path) {
        rows.write().mode(SaveMode.Overwrite).parquet(path);
    }
}
