package io.sparksynth.cli;

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

    SynthConfig load(List<String> extra) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(extra);
        return SynthConfig.load(conf, all);
    }
}
