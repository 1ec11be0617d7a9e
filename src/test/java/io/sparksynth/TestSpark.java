package io.sparksynth;

import io.sparksynth.config.SynthConfig;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One real local SparkSession shared by all test classes, and small-network configs. */
public final class TestSpark {
    private static SparkSession spark;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (spark == null || spark.sparkContext().isStopped()) { // a test may stop it on purpose
            spark = SparkSession.builder().master("local[2]").appName("sparksynth-tests")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .getOrCreate();
        }
        return spark;
    }

    /** Fast settings: tiny networks, few epochs; extra overrides win. */
    public static List<String> quick(String... extra) {
        List<String> o = new ArrayList<>(List.of("gan.generator-layers=[32]", "gan.discriminator-layers=[32]",
                "gan.noise-dim=8", "train.epochs=2", "train.batch-size=50", "train.workers=2", "gan.pac=5",
                "train.log-every=100"));
        o.addAll(Arrays.asList(extra));
        return o;
    }

    public static SynthConfig quickConfig(String... extra) {
        return SynthConfig.load(null, quick(extra));
    }

    /** CLI arguments: --set for every quick override. */
    public static List<String> quickArgs(String... extra) {
        List<String> args = new ArrayList<>();
        for (String s : quick(extra)) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }
}
