package io.sparksynth.sink;

import io.sparksynth.io.AtomicOutput;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A destination that commits rows itself (Delta's transaction log): the rows are staged as Parquet
 * in a hidden sibling of the destination and handed to {@link #commit(Dataset)} once they pass. The
 * staging directory is {@link AtomicOutput}'s temporary, never renamed: closing deletes it.
 */
abstract class StagedSink implements SyntheticSink {
    protected final SparkSession spark;
    private final AtomicOutput staging;

    StagedSink(SparkSession spark, String besideDir) {
        this.spark = spark;
        this.staging = AtomicOutput.begin(spark.sparkContext().hadoopConfiguration(), besideDir);
    }

    @Override
    public final String stagingDir() {
        return staging.tempPath();
    }

    @Override
    public final void publish(boolean passed) {
        if (passed) {
            commit(spark.read().parquet(stagedRows()));
        }
    }

    /** Writes the staged rows to the destination in one commit. */
    abstract void commit(Dataset<Row> rows);

    @Override
    public String withheld() {
        return describe() + " was not written: it keeps its previous rows";
    }

    @Override
    public final void close() {
        staging.close();
    }
}
