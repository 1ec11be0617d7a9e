package io.sparksynth.cli;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "train", description = "Fit preprocessing and the GAN on real data; write a model directory.")
final class TrainCommand implements Runnable {
    @Option(names = "--input", required = true, paramLabel = "PATH_OR_TABLE",
            description = "Parquet file, directory or glob, Delta table directory, or table:db.name")
    String input;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory to write")
    String model;

    @Option(names = "--seed", description = "seed (overrides the config's seed)")
    Long seed;

    @Option(names = "--resume", description = "continue from the checkpoint beside the model directory "
            + "(MODEL.checkpoint), written every train.checkpoint-every epochs")
    boolean resume;

    @Mixin
    ConfigOptions config;

    @Override
    public void run() {
        List<String> extra = new ArrayList<>();
        if (seed != null) {
            extra.add("seed=" + seed);
        }
        SynthConfig cfg = config.load(extra);
        SparkSession spark = SparkSessions.getOrCreate("train", SessionCatalogs.of(cfg.catalog, cfg.format, input));
        Workflow.train(spark, cfg, input, model, resume, Progress.console());
    }
}
