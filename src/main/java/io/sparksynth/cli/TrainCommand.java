package io.sparksynth.cli;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.InputReader;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.preprocess.TrainHoldoutSplit;
import io.sparksynth.train.Checkpoint;
import io.sparksynth.train.ModelTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "train", description = "Fit preprocessing and the GAN on real data; write a model directory.")
final class TrainCommand implements Runnable {
    @Option(names = "--input", required = true, paramLabel = "PATH_OR_TABLE",
            description = "Parquet file, directory or glob, or table:db.name")
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
        SparkSession spark = SparkSessions.getOrCreate("train");
        train(spark, cfg, input, model, resume, Progress.console());
    }

    static GanModel train(SparkSession spark, SynthConfig cfg, String input, String modelDir, Progress progress) {
        return train(spark, cfg, input, modelDir, false, progress);
    }

    static GanModel train(SparkSession spark, SynthConfig cfg, String input, String modelDir, boolean resume,
                          Progress progress) {
        Dataset<Row> real = InputReader.read(spark, input);
        Dataset<Row> train = TrainHoldoutSplit.train(real, cfg.holdout, cfg.seed);
        if (cfg.holdout > 0) {
            progress.line(String.format("holding out %.0f%% of %s (seeded by row content)", cfg.holdout * 100, input));
        }
        String checkpointDir = modelDir.replaceAll("/+$", "") + ".checkpoint";
        GanModel model = ModelTrainer.fit(spark, train, cfg, input, progress, checkpointDir, resume);
        model.save(spark.sparkContext().hadoopConfiguration(), modelDir);
        Checkpoint.clear(spark.sparkContext().hadoopConfiguration(), checkpointDir);
        progress.line("model written to " + modelDir);
        return model;
    }
}
