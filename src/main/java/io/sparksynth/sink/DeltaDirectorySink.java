package io.sparksynth.sink;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A Delta table at a path, replaced as a whole by one commit of its transaction log (a new
 * version: readers see the previous version or this one, and time travel keeps the old rows until
 * VACUUM). The schema is replaced with the rows, as a directory output is replaced as a whole.
 */
final class DeltaDirectorySink extends StagedSink {
    private final String dir;

    DeltaDirectorySink(SparkSession spark, String dir) {
        super(spark, dir);
        this.dir = dir;
    }

    @Override
    void commit(Dataset<Row> rows) {
        rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(dir);
    }

    @Override
    public String describe() {
        return dir + " (delta)";
    }
}
