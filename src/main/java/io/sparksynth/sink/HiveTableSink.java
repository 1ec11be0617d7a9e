package io.sparksynth.sink;

import io.sparksynth.config.OutputFormat;
import io.sparksynth.io.TableName;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * A catalog table of Parquet files (Hive metastore), written a partition (or, without a run id, the
 * whole table) at a time. Each write goes to a fresh version directory,
 * {@code TABLE/_versions/dt=RUN_ID/v-TIME-ID}, which no reader lists (Spark skips {@code _} names,
 * and the metastore does not point at it yet). Publishing points the partition at it in one
 * metastore operation ({@code ADD PARTITION ... LOCATION} or {@code PARTITION ... SET LOCATION};
 * {@code SET LOCATION} for an unpartitioned table), so a reader sees the old rows or the new, never
 * half; then the previous version is deleted. The table is created on first publish, external at
 * the database's default place: sparksynth, not Spark, owns its version directories.
 */
final class HiveTableSink implements SyntheticSink {
    static final String VERSIONS = "_versions";

    private final SparkSession spark;
    private final TableName name;
    private final String runId;
    private final Optional<CatalogTable> existing;
    private final Path root;
    private final Path version;
    private final FileSystem fs;
    private final long started = System.currentTimeMillis();
    private boolean published;

    HiveTableSink(SparkSession spark, TableName name, String runId) {
        this.spark = spark;
        this.name = name;
        this.runId = runId;
        this.existing = CatalogTables.find(spark, name);
        existing.ifPresent(t -> TableShapes.require(name, CatalogTables.provider(t),
                JavaConverters.seqAsJavaList(t.partitionColumnNames()), OutputFormat.PARQUET, runId));
        this.root = existing.map(t -> root(new Path(t.location()))).orElse(new Path(CatalogTables.defaultLocation(spark,
                name)));
        Path versions = new Path(root, VERSIONS);
        Path slot = runId == null ? versions : new Path(versions, TableSchemas.RUN_COLUMN + "="
                + ExternalCatalogUtils.escapePathName(runId));
        this.version = new Path(slot, "v-" + started + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            this.fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot access " + root, e);
        }
    }

    /** The table's directory: an unpartitioned table points at one of its versions, under it. */
    private static Path root(Path location) {
        Path parent = location.getParent();
        return parent != null && parent.getName().equals(VERSIONS) ? parent.getParent() : location;
    }

    @Override
    public String stagingDir() {
        return version.toString();
    }

    @Override
    public String describe() {
        return "table " + name + (runId == null ? "" : " partition dt=" + runId);
    }

    @Override
    public void publish(boolean passed) {
        if (!passed) {
            return;
        }
        StructType rows = spark.read().parquet(stagedRows()).schema();
        if (runId != null) {
            TableSchemas.requireNoRunColumn(name, rows);
        }
        Optional<String> previous = previousLocation();
        if (existing.isPresent()) {
            TableSchemas.requireSame(name, existing.get().dataSchema(), rows);
        } else {
            create(rows);
        }
        String table = CatalogTables.quoted(name);
        String at = " LOCATION " + CatalogTables.literal(version.toString());
        if (runId == null) {
            spark.sql("ALTER TABLE " + table + " SET" + at);
        } else {
            String partition = " PARTITION (" + CatalogTables.quote(TableSchemas.RUN_COLUMN) + " = "
                    + CatalogTables.literal(runId) + ")";
            spark.sql(previous.isPresent() ? "ALTER TABLE " + table + partition + " SET" + at
                    : "ALTER TABLE " + table + " ADD" + partition + at);
        }
        published = true;
        spark.catalog().refreshTable(name.toString());
        previous.ifPresent(this::deleteIfOwned);
        sweepStaleVersions();
    }

    private Optional<String> previousLocation() {
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        return runId == null ? Optional.of(existing.get().location().toString())
                : CatalogTables.partitionLocation(spark, name, TableSchemas.RUN_COLUMN, runId);
    }

    private void create(StructType rows) {
        CatalogTables.createDatabaseIfMissing(spark, name);
        String columns = TableSchemas.ddl(rows);
        spark.sql("CREATE TABLE " + CatalogTables.quoted(name) + " (" + columns
                + (runId == null ? ") USING parquet LOCATION " + CatalogTables.literal(version.toString())
                : ", " + CatalogTables.quote(TableSchemas.RUN_COLUMN) + " STRING) USING parquet PARTITIONED BY ("
                + CatalogTables.quote(TableSchemas.RUN_COLUMN) + ") LOCATION " + CatalogTables.literal(root.toString())));
    }

    /** The replaced version's files, when they lie in the table's directory (a location elsewhere is the user's). */
    private void deleteIfOwned(String location) {
        Path old = fs.makeQualified(new Path(location));
        Path qualifiedRoot = fs.makeQualified(root);
        if (!old.equals(fs.makeQualified(version)) && old.toString().startsWith(qualifiedRoot + "/")) {
            delete(old);
        }
    }

    /** Versions of this slot left by runs whose driver died before publishing (older than this run). */
    private void sweepStaleVersions() {
        try {
            for (FileStatus s : fs.listStatus(version.getParent(), p -> p.getName().startsWith("v-"))) {
                if (!s.getPath().getName().equals(version.getName()) && s.getModificationTime() < started) {
                    delete(s.getPath());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + version.getParent(), e);
        }
    }

    private void delete(Path p) {
        try {
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the replaced " + p, e);
        }
    }

    @Override
    public String withheld() {
        return describe() + " was not replaced: it keeps its previous rows";
    }

    @Override
    public void close() {
        if (published) {
            return;
        }
        try {
            fs.delete(version, true);
            // and the directories made for it, when nothing else is in them (non-recursive deletes fail otherwise)
            for (Path p = version.getParent(); p != null && !p.equals(root.getParent()); p = p.getParent()) {
                if (existing.isPresent() && p.equals(root) || !fs.delete(p, false)) {
                    break;
                }
            }
        } catch (IOException ignored) {
            // best effort: the version directory is under _versions, which no reader lists
        }
    }
}
