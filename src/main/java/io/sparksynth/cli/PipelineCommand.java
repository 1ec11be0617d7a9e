package io.sparksynth.cli;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.InputReader;
import io.sparksynth.evaluate.EvaluationInput;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.preprocess.DataCleaner;
import io.sparksynth.preprocess.TrainHoldoutSplit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

@Command(name = "pipeline", description = "Train, generate and evaluate as one job, from one config file: "
        + "writes OUTPUT/model, OUTPUT/synthetic and OUTPUT/report.")
final class PipelineCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Override
    public void run() {
        if (config.conf == null) {
            throw io.sparksynth.SynthException.usage("pipeline needs --conf FILE (for example conf/eustock.conf)");
        }
        SynthConfig cfg = config.load(List.of());
        SparkSession spark = SparkSessions.getOrCreate("pipeline");
        run(spark, cfg, Progress.console());
    }

    static void run(SparkSession spark, SynthConfig cfg, Progress progress) {
        long t0 = System.nanoTime();
        String modelDir = cfg.output + "/model";
        String synthDir = cfg.output + "/synthetic";
        String reportDir = cfg.output + "/report";

        GanModel model = TrainCommand.train(spark, cfg, cfg.input, modelDir, progress);
        long trainRows = ((Number) model.provenance().get("rows")).longValue();
        long rows = cfg.generateRows > 0 ? cfg.generateRows : trainRows;
        int partitions = cfg.generatePartitions > 0 ? cfg.generatePartitions
                : spark.sparkContext().defaultParallelism();
        SyntheticGenerator.write(spark, model, rows, partitions, cfg.seed, synthDir, progress);

        List<ColumnSpec> specs = model.transform().specs();
        Dataset<Row> real = InputReader.read(spark, cfg.input);
        Dataset<Row> train = DataCleaner.clean(TrainHoldoutSplit.train(real, cfg.holdout, cfg.seed), specs, cfg.clean);
        Dataset<Row> holdout = cfg.holdout > 0
                ? DataCleaner.clean(TrainHoldoutSplit.holdout(real, cfg.holdout, cfg.seed), specs, cfg.clean) : null;
        Dataset<Row> synthetic = InputReader.read(spark, synthDir);
        if (holdout != null) {
            progress.line(String.format("evaluating against the %.0f%% holdout", cfg.holdout * 100));
        }
        EvaluationInput in = new EvaluationInput(holdout != null ? holdout : train, synthetic, train, holdout, specs,
                cfg.evaluate, cfg.seed, model.history());
        EvaluateCommand.run(spark, in, reportDir, progress);
        progress.line("pipeline done in " + Progress.duration((System.nanoTime() - t0) / 1e9) + ": " + cfg.output);
    }
}
