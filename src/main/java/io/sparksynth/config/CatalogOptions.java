package io.sparksynth.config;

import java.io.Serializable;

/**
 * Where catalog tables ({@code table:db.name}) live and where a pipeline writing one keeps its
 * other outputs. Read before the Spark session starts: Hive support and its metastore are settings
 * of the session.
 *
 * @param localDir     the embedded Derby metastore ({@code metastore_db/}, {@code derby.log}) and the
 *                     warehouse, when no real metastore is configured; "" = {@link #DEFAULT_LOCAL_DIR}
 * @param metastoreUri a real Hive metastore ({@code thrift://host:9083}); "" = the embedded one, or what
 *                     spark-submit or a {@code hive-site.xml} configures
 * @param artifactsDir {@code pipeline} with a table output: the directory of model/, report/ and
 *                     manifest.json; "" = {@code output/DB.NAME}
 */
public record CatalogOptions(String localDir, String metastoreUri, String artifactsDir) implements Serializable {
    /**
     * One place per user rather than the working directory (Spark's default): a table written from
     * one directory is found from another, and plain Parquet runs never create a metastore at all.
     */
    public static final String DEFAULT_LOCAL_DIR = System.getProperty("user.home") + "/.sparksynth/catalog";

    static CatalogOptions from(Section c) {
        CatalogOptions o = new CatalogOptions(c.getString("local-dir"), c.getString("metastore-uri"),
                c.getString("artifacts-dir"));
        SynthConfig.check(o.metastoreUri.isEmpty() || o.metastoreUri.matches("[a-z]+://\\S+(,[a-z]+://\\S+)*"),
                "catalog.metastore-uri", "must be \"\" (embedded metastore) or URIs like \"thrift://host:9083\", "
                        + "got \"" + o.metastoreUri + "\"");
        return o;
    }

    /** The directory of the embedded metastore and its warehouse. */
    public String localDirOrDefault() {
        return localDir.isEmpty() ? DEFAULT_LOCAL_DIR : localDir;
    }
}
