package io.sparksynth.train;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Software versions recorded as provenance. sparksynth's and DL4J's come from the pom, through a
 * resource Maven fills in at build time, so the version is written in one place.
 */
public final class Versions {
    private static final Properties BUILD = load();
    public static final String SPARKSYNTH = BUILD.getProperty("sparksynth", "unknown");
    public static final String DL4J = BUILD.getProperty("deeplearning4j", "unknown");

    private Versions() {
    }

    public static Map<String, String> all(SparkSession spark) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sparksynth", SPARKSYNTH);
        v.put("spark", spark.version());
        v.put("scala", scala.util.Properties.versionNumberString());
        v.put("deeplearning4j", DL4J);
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/io/sparksynth/sparksynth-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's version resource", e);
        }
        return p;
    }
}
