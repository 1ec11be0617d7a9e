package io.sparksynth.sink;

import io.sparksynth.SynthException;
import io.sparksynth.config.CatalogOptions;
import io.sparksynth.config.OutputFormat;
import io.sparksynth.io.AtomicOutput;
import io.sparksynth.io.TableName;
import org.apache.spark.sql.SparkSession;

/**
 * Where a command's synthetic rows go, as given on the command line and checked before Spark starts:
 * a directory ({@code OUTPUT[/dt=RUN_ID]}) or a catalog table ({@code table:db.name}, with the run id
 * as its {@code dt} partition), in Parquet or Delta.
 *
 * @param runId a scheduler's run id, or null
 */
public record OutputTarget(String output, OutputFormat format, String runId) {
    public OutputTarget {
        if (output == null || output.isBlank()) {
            throw SynthException.usage("no output given: pass --output DIR_OR_TABLE (or set output in the config)");
        }
        if (runId != null && !runId.matches("[A-Za-z0-9_.:-]+")) {
            throw SynthException.usage("--run-id '" + runId + "' may only hold letters, digits and _ . : -");
        }
        if (TableName.isTable(output)) {
            TableName.parse(output);
        }
    }

    public boolean isTable() {
        return TableName.isTable(output);
    }

    public TableName table() {
        return TableName.parse(output);
    }

    /**
     * The directory of a run's files: {@code OUTPUT[/dt=RUN_ID]} for a path; for a table, where its
     * model, report and manifest go: {@code catalog.artifacts-dir} (default {@code output/DB.NAME}),
     * then {@code /dt=RUN_ID}.
     */
    public String runDir(CatalogOptions catalog) {
        String base = !isTable() ? output : catalog.artifactsDir().isEmpty() ? "output/" + table()
                : catalog.artifactsDir();
        return runId == null ? base : base.replaceAll("/+$", "") + "/dt=" + runId;
    }

    /**
     * The sink of the synthetic rows: the table (checked against its format and partitioning now,
     * before anything is generated), or for a path the directory {@code dir} in this format.
     */
    public SyntheticSink open(SparkSession spark, String dir) {
        if (isTable()) {
            return format == OutputFormat.DELTA ? DeltaTableSink.open(spark, table(), runId)
                    : new HiveTableSink(spark, table(), runId);
        }
        return format == OutputFormat.DELTA ? new DeltaDirectorySink(spark, dir)
                : new ParquetDirectorySink(AtomicOutput.begin(spark.sparkContext().hadoopConfiguration(), dir), dir);
    }
}
