package io.sparksynth.cli;

import com.typesafe.config.ConfigUtil;
import io.sparksynth.config.SynthConfig;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The --conf and --set options shared by the commands that take a configuration. */
final class ConfigOptions {
    @Option(names = "--conf", paramLabel = "FILE", description = "HOCON config file (keys: see README)")
    String conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key (repeatable)")
    List<String> overrides = new ArrayList<>();

    /** {@code key="value"}: an override whose value HOCON would otherwise split (table:db.name holds a colon). */
    static String setting(String key, String value) {
        return key + "=" + ConfigUtil.quoteString(value);
    }

    SynthConfig load(List<String> extra) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(extra);
        return SynthConfig.load(conf, all);
    }
}
