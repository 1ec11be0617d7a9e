package io.sparksynth.generate;

import io.sparksynth.io.RunningTasks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** How generated rows are written: Parquet, replacing what is there (the caller's temporary directory). */
final class ParquetSink {
    private ParquetSink() {
    }

    /** On failure, returns only once the job's killed tasks have stopped writing ({@link RunningTasks}). */
    static void write(Dataset<Row> rows, String path) {
        RunningTasks.settleOnFailure(rows.sparkSession().sparkContext(),
                () -> rows.write().mode(SaveMode.Overwrite).parquet(path));
    }
}
