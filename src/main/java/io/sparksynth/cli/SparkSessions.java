package io.sparksynth.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a command: whatever spark-submit configured, or the embedded default
 * ({@code local[*]}) when no master is set.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String app) {
        return getOrCreate(app, SessionCatalogs.none());
    }

    /** The session, with Hive support and Delta Lake as {@code catalogs} need them. */
    static SparkSession getOrCreate(String app, SessionCatalogs catalogs) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("sparksynth " + app);
        if (!conf.contains("spark.master")) {
            b.master("local[*]");
        }
        if (!conf.contains("spark.sql.shuffle.partitions")) {
            b.config("spark.sql.shuffle.partitions", "16");
        }
        if (!conf.contains("spark.ui.showConsoleProgress")) {
            b.config("spark.ui.showConsoleProgress", "false");
        }
        // sparksynth's records need a Kryo registrator when Kryo is the serializer; keep the user's too
        String registrators = conf.get("spark.kryo.registrator", "");
        if (!registrators.contains(SparkSynthKryo.class.getName())) {
            b.config("spark.kryo.registrator", registrators.isEmpty() ? SparkSynthKryo.class.getName()
                    : registrators + "," + SparkSynthKryo.class.getName());
        }
        catalogs.configure(b, conf);
        return b.getOrCreate();
    }
}
