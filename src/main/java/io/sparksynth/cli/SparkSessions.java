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
        // sparksynth's records and ND4J's arrays (dl4j-spark checks for the latter) need Kryo registrators
        // when Kryo is the serializer; keep the user's too
        String registrators = conf.get("spark.kryo.registrator", "");
        String merged = withRegistrators(registrators, SparkSynthKryo.class.getName(), SparkSynthKryo.ND4J);
        if (!merged.equals(registrators)) {
            b.config("spark.kryo.registrator", merged);
        }
        catalogs.configure(b, conf);
        return b.getOrCreate();
    }

    /** {@code list} (comma-separated class names) with each of {@code names} appended unless already there. */
    static String withRegistrators(String list, String... names) {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (String n : list.split(",")) {
            if (!n.isBlank()) {
                all.add(n.trim());
            }
        }
        for (String n : names) {
            if (!all.contains(n)) {
                all.add(n);
            }
        }
        return String.join(",", all);
    }
}
