package io.sparksynth.train;

import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/** Software versions recorded as provenance. */
public final class Versions {
    public static final String SPARKSYNTH = "0.1.0";
    public static final String DL4J = "1.0.0-M2";

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
}
