package io.sparksynth.data;

import io.sparksynth.SynthException;
import io.sparksynth.io.TableName;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/**
 * Reads real data from a Parquet path, directory or glob, a Delta table's directory, or a catalog
 * table ({@code table:db.name}, Parquet, Delta or Hive).
 */
public final class InputReader {
    private InputReader() {
    }

    public static Dataset<Row> read(SparkSession spark, String input) {
        if (input == null || input.isBlank()) {
            throw SynthException.usage("no input given: pass --input PATH_OR_TABLE (or set input in the config)");
        }
        if (TableName.isTable(input)) {
            String table = TableName.parse(input).toString();
            if (!spark.catalog().tableExists(table)) {
                throw SynthException.input("table " + table + " does not exist in the Spark catalog: "
                        + "check the name (db.table) or read a Parquet path instead");
            }
            return spark.table(table);
        }
        checkExists(spark, input);
        boolean delta = isDelta(spark.sparkContext().hadoopConfiguration(), input);
        try {
            Dataset<Row> df = delta ? spark.read().format("delta").load(input) : spark.read().parquet(input);
            df.schema(); // forces footer reading so a corrupt file fails here
            return df;
        } catch (Exception e) {
            if (clusterIsDown(spark, e)) {
                throw new SynthException(SynthException.FAILURE, "the Spark cluster stopped while reading " + input
                        + " (" + rootMessage(e) + "): the input was not at fault. Check that the master is "
                        + "reachable and its workers can launch executors (master UI, worker logs), then run again", e);
            }
            String cause = rootMessage(e).replaceAll("\\.+$", "");
            if (cause.contains("Unable to infer schema for Parquet")) { // Spark's words for "no Parquet files here"
                throw SynthException.input(input + " holds no Parquet files (" + cause + "): point --input at "
                        + "the Parquet data, or check that the job that writes it has run", e);
            }
            throw SynthException.input("cannot read Parquet from " + input + ": " + cause
                    + ". Check that the path holds valid Parquet files", e);
        }
    }

    /**
     * A stopped SparkContext (a standalone master gives up on an application whose executors
     * cannot launch) makes every read fail: that is the cluster's failure (exit 1), not the data's,
     * so a scheduler does not blame a good input.
     */
    static boolean clusterIsDown(SparkSession spark, Throwable e) {
        if (spark.sparkContext().isStopped()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("stopped SparkContext")) {
                return true;
            }
        }
        return false;
    }

    /** A directory with a transaction log ({@code _delta_log}) is a Delta table: read as such, not as its files. */
    public static boolean isDelta(Configuration conf, String input) {
        if (input == null || input.isBlank() || TableName.isTable(input)) {
            return false;
        }
        try {
            Path log = new Path(input, "_delta_log");
            return log.getFileSystem(conf).isDirectory(log);
        } catch (IOException | IllegalArgumentException e) {
            return false; // not a plain path (a glob, say): read as Parquet, which reports the problem
        }
    }

    private static void checkExists(SparkSession spark, String input) {
        try {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw SynthException.input("input " + input + " does not exist: give an existing Parquet file, "
                        + "directory or glob");
            }
        } catch (IOException e) {
            throw SynthException.input("cannot access input " + input + ": " + e.getMessage(), e);
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.split("\n")[0];
    }
}
