package io.sparksynth.sink;

import io.sparksynth.io.TableName;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTablePartition;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

import java.util.Locale;
import java.util.Optional;

/** What the session's catalog knows of a table: its metadata, its partitions' locations, its default place. */
final class CatalogTables {
    private CatalogTables() {
    }

    static Optional<CatalogTable> find(SparkSession spark, TableName name) {
        SessionCatalog catalog = catalog(spark);
        TableIdentifier id = id(name);
        try {
            return catalog.tableExists(id) ? Optional.of(catalog.getTableMetadata(id)) : Optional.empty();
        } catch (AnalysisException e) { // dropped in between, or its database
            return Optional.empty();
        }
    }

    /** Where a new managed table of this name would live (the database's directory / name). */
    static String defaultLocation(SparkSession spark, TableName name) {
        if (catalog(spark).databaseExists(name.database())) {
            return catalog(spark).defaultTablePath(id(name)).toString();
        }
        // the database is created with the table, at the warehouse's default place for it
        return new Path(spark.conf().get("spark.sql.warehouse.dir"), name.database().toLowerCase(Locale.ROOT) + ".db/"
                + name.table().toLowerCase(Locale.ROOT)).toString();
    }

    /** The location of partition {@code dt=value}, if the table has it. */
    static Optional<String> partitionLocation(SparkSession spark, TableName name, String column, String value) {
        scala.collection.immutable.Map<String, String> spec =
                scala.collection.immutable.Map$.MODULE$.<String, String>empty().updated(column, value);
        Option<CatalogTablePartition> p = catalog(spark).externalCatalog().getPartitionOption(name.database(),
                name.table(), spec);
        return p.isDefined() ? Optional.of(p.get().location().toString()) : Optional.empty();
    }

    /** The table's format as the catalog records it: parquet, delta, hive (a SerDe table), ... */
    static String provider(CatalogTable table) {
        return table.provider().isDefined() ? table.provider().get() : "hive";
    }

    static void createDatabaseIfMissing(SparkSession spark, TableName name) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(name.database()));
    }

    /** {@code `db`.`name`} */
    static String quoted(TableName name) {
        return quote(name.database()) + "." + quote(name.table());
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** A SQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static SessionCatalog catalog(SparkSession spark) {
        return spark.sessionState().catalog();
    }

    private static TableIdentifier id(TableName name) {
        return new TableIdentifier(name.table(), Option.apply(name.database()));
    }
}
