package io.sparksynth.sink;

import io.sparksynth.SynthException;
import io.sparksynth.config.OutputFormat;
import io.sparksynth.io.TableName;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A Delta Lake table in the catalog. One overwrite of {@code dt = RUN_ID} (Delta's
 * {@code replaceWhere}, through Spark's {@code writeTo(...).overwrite(condition)}) removes the
 * partition's previous files and adds the new ones in a single commit of the transaction log: a
 * reader's snapshot holds the old partition or the new, and the other partitions are untouched.
 * A missing table is created (managed, partitioned by dt) by the commit that writes its first rows.
 */
final class DeltaTableSink extends StagedSink {
    private final TableName name;
    private final String runId;
    private final boolean exists;

    private DeltaTableSink(SparkSession spark, TableName name, String runId, boolean exists, String location) {
        super(spark, location);
        this.name = name;
        this.runId = runId;
        this.exists = exists;
    }

    /** Checks an existing table's format and partitioning before anything is generated. */
    static DeltaTableSink open(SparkSession spark, TableName name, String runId) {
        Optional<CatalogTable> table = CatalogTables.find(spark, name);
        table.ifPresent(t -> TableShapes.require(name, CatalogTables.provider(t), partitionColumns(spark, name),
                OutputFormat.DELTA, runId));
        String location = table.map(t -> t.location().toString()).orElse(CatalogTables.defaultLocation(spark, name));
        return new DeltaTableSink(spark, name, runId, table.isPresent(), location);
    }

    @Override
    void commit(Dataset<Row> rows) {
        if (runId != null) {
            TableSchemas.requireNoRunColumn(name, rows.schema());
        }
        Dataset<Row> out = runId == null ? rows : rows.withColumn(TableSchemas.RUN_COLUMN, lit(runId));
        try {
            if (exists) {
                TableSchemas.requireSame(name, dataColumns(spark.table(name.toString()).schema()), rows.schema());
                Column replaced = runId == null ? lit(true) : col(TableSchemas.RUN_COLUMN).equalTo(lit(runId));
                out.writeTo(name.toString()).overwrite(replaced);
            } else {
                CatalogTables.createDatabaseIfMissing(spark, name);
                var create = out.writeTo(name.toString()).using("delta");
                if (runId != null) {
                    create.partitionedBy(col(TableSchemas.RUN_COLUMN), scala.collection.immutable.Seq$.MODULE$.empty());
                }
                create.create();
            }
        } catch (NoSuchTableException | TableAlreadyExistsException e) {
            throw new SynthException(SynthException.FAILURE, "table " + name + " was " + (exists ? "dropped"
                    : "created") + " by another job while this run wrote it: run again", e);
        }
    }

    private StructType dataColumns(StructType all) {
        return runId == null ? all : new StructType(Arrays.stream(all.fields())
                .filter(f -> !f.name().equalsIgnoreCase(TableSchemas.RUN_COLUMN)).toArray(
                        org.apache.spark.sql.types.StructField[]::new));
    }

    /** A Delta table keeps its partitioning in its log, not in the metastore. */
    private static List<String> partitionColumns(SparkSession spark, TableName name) {
        return spark.sql("DESCRIBE DETAIL " + CatalogTables.quoted(name)).select("partitionColumns").first()
                .getList(0);
    }

    @Override
    public String describe() {
        return "delta table " + name + (runId == null ? "" : " partition dt=" + runId);
    }
}
