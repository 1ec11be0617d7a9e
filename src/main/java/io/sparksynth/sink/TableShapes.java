package io.sparksynth.sink;

import io.sparksynth.SynthException;
import io.sparksynth.config.OutputFormat;
import io.sparksynth.io.TableName;

import java.util.List;

/**
 * An existing table must be of the format the run writes and partitioned as it writes: by
 * {@code dt} alone with {@code --run-id}, not at all without. Checked before generating (exit 2).
 */
final class TableShapes {
    private TableShapes() {
    }

    static void require(TableName table, String provider, List<String> partitionColumns, OutputFormat format,
                        String runId) {
        if (!provider.equalsIgnoreCase(format.id())) {
            throw SynthException.usage("table " + table + " is a " + provider + " table, and this run writes "
                    + format.id() + (provider.equalsIgnoreCase("parquet") || provider.equalsIgnoreCase("delta")
                    ? ": pass --format " + provider.toLowerCase() : ": sparksynth writes parquet or delta tables")
                    + " (or write to another table)");
        }
        List<String> expected = runId == null ? List.of() : List.of(TableSchemas.RUN_COLUMN);
        if (!partitionColumns.stream().map(String::toLowerCase).toList().equals(expected)) {
            throw SynthException.usage("table " + table + " is " + (partitionColumns.isEmpty() ? "not partitioned"
                    : "partitioned by " + partitionColumns) + (runId == null
                    ? ": pass --run-id to write one of its partitions"
                    : ": --run-id writes a partition dt=" + runId + ", so the table must be partitioned by dt alone; "
                    + "leave out --run-id or write to another table"));
        }
    }
}
