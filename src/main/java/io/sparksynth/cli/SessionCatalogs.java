package io.sparksynth.cli;

import io.sparksynth.SynthException;
import io.sparksynth.config.CatalogOptions;
import io.sparksynth.config.OutputFormat;
import io.sparksynth.data.InputReader;
import io.sparksynth.io.TableName;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

import java.io.File;
import java.util.Arrays;

/**
 * What a command's Spark session needs for catalog tables and Delta Lake. Both are settings the
 * session must have when it starts, so they are decided from the command's inputs and outputs
 * before: Hive support (and with it a metastore) only when a {@code table:} is named, so a plain
 * Parquet run creates no {@code metastore_db/} or {@code derby.log} anywhere; Delta's SQL
 * extension and catalog when the format is delta, an input is a Delta directory, or a table is
 * named (it may be a Delta table). Settings given to Spark (spark-submit {@code --conf}, a
 * {@code hive-site.xml}) win over sparksynth's defaults.
 */
record SessionCatalogs(boolean hive, boolean delta, CatalogOptions options) {
    static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
    static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

    /** Neither: the session of a plain Parquet run. */
    static SessionCatalogs none() {
        return new SessionCatalogs(false, false, null);
    }

    /** @param refs the command's inputs and outputs (paths or {@code table:db.name}; nulls are skipped) */
    static SessionCatalogs of(CatalogOptions options, OutputFormat format, String... refs) {
        boolean hive = Arrays.stream(refs).anyMatch(TableName::isTable);
        boolean delta = hive || format == OutputFormat.DELTA || Arrays.stream(refs).anyMatch(SessionCatalogs::isDelta);
        return new SessionCatalogs(hive, delta, options);
    }

    /** Checked before the session exists, with the Hadoop settings Spark would use. */
    private static boolean isDelta(String ref) {
        return InputReader.isDelta(SparkHadoopUtil.get().newConfiguration(new SparkConf()), ref);
    }

    void configure(SparkSession.Builder b, SparkConf given) {
        if (delta) {
            String extensions = given.get("spark.sql.extensions", "");
            if (!extensions.contains(DELTA_EXTENSION)) {
                b.config("spark.sql.extensions", extensions.isEmpty() ? DELTA_EXTENSION
                        : extensions + "," + DELTA_EXTENSION);
            }
            if (!given.contains("spark.sql.catalog.spark_catalog")) {
                b.config("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
            }
        }
        if (hive) {
            enableHive(b, given);
        }
    }

    private void enableHive(SparkSession.Builder b, SparkConf given) {
        try {
            b.enableHiveSupport();
        } catch (IllegalArgumentException e) { // Spark built without Hive: its words are clear, its exit code is not
            throw SynthException.usage("table: inputs and outputs need Spark's Hive support (spark-hive_2.12), "
                    + "which this Spark lacks: " + e.getMessage());
        }
        if (!options.metastoreUri().isEmpty()) {
            b.config("spark.hadoop.hive.metastore.uris", options.metastoreUri());
        } else if (!given.contains("spark.hadoop.hive.metastore.uris") && !hasHiveSite()) {
            embeddedMetastore(b, given);
        }
    }

    /** Derby's database, its log and the warehouse in one directory of their own, not the working directory. */
    private void embeddedMetastore(SparkSession.Builder b, SparkConf given) {
        File dir = new File(options.localDirOrDefault()).getAbsoluteFile();
        if (!given.contains("spark.hadoop.javax.jdo.option.ConnectionURL")) {
            b.config("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName="
                    + new File(dir, "metastore_db") + ";create=true");
        }
        if (!given.contains("spark.sql.warehouse.dir")) {
            b.config("spark.sql.warehouse.dir", new File(dir, "warehouse").toURI().toString());
        }
        if (System.getProperty("derby.stream.error.file") == null) {
            dir.mkdirs();
            System.setProperty("derby.stream.error.file", new File(dir, "derby.log").getPath());
        }
    }

    /** A Spark distribution's conf/hive-site.xml configures the metastore itself. */
    private static boolean hasHiveSite() {
        return Thread.currentThread().getContextClassLoader().getResource("hive-site.xml") != null;
    }
}
