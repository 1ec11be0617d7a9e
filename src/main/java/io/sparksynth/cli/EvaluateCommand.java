package io.sparksynth.cli;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.InputReader;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Comparison;
import io.sparksynth.workflow.Pipeline;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "evaluate", description = "Compare synthetic with real data: metrics.json, describe table, report.html.")
final class EvaluateCommand implements Runnable {
    @Option(names = "--real", required = true, paramLabel = "PATH", description = "real data (Parquet, Delta or table:db.name)")
    String real;

    @Option(names = "--synthetic", required = true, paramLabel = "PATH", description = "synthetic data (Parquet, "
            + "Delta or table:db.name)")
    String synthetic;

    @Option(names = "--report", required = true, paramLabel = "DIR")
    String report;

    @Option(names = "--target", paramLabel = "COL", description = "target column for ML efficacy")
    String target;

    @Option(names = "--holdout", paramLabel = "PATH", description = "real rows unseen in training (ML efficacy "
            + "test set, privacy baseline); then --real is taken as the training rows")
    String holdout;

    @Option(names = "--model", paramLabel = "DIR", description = "take column kinds and cleaning from this model")
    String model;

    @Mixin
    ConfigOptions config;

    @Override
    public void run() {
        List<String> extra = new ArrayList<>();
        if (target != null) {
            extra.add("evaluate.target=\"" + target + "\"");
        }
        SynthConfig cfg = config.load(extra);
        SparkSession spark = SparkSessions.getOrCreate("evaluate", SessionCatalogs.of(cfg.catalog, cfg.format, real,
                synthetic, holdout));
        Dataset<Row> realRows = InputReader.read(spark, real);
        Dataset<Row> syntheticRows = InputReader.read(spark, synthetic);
        Dataset<Row> holdoutRows = holdout == null ? null : InputReader.read(spark, holdout);
        Comparison rows = new Comparison(realRows, syntheticRows, realRows, holdoutRows);
        GanModel m = model == null ? null : GanModel.load(spark.sparkContext().hadoopConfiguration(), model);
        List<ColumnSpec> specs = m != null ? m.transform().specs()
                : SchemaInspector.inspect(realRows, cfg.schema, cfg.transform, real);
        String reference = m != null ? "the model " + model : "the real table " + real;
        SchemaInspector.requireColumns(realRows, specs, real, reference);
        SchemaInspector.requireColumns(syntheticRows, specs, synthetic, reference);
        if (holdoutRows != null) {
            SchemaInspector.requireColumns(holdoutRows, specs, holdout, reference);
        }
        EvaluationResult result = m != null ? Workflow.evaluate(m, rows, cfg.evaluate, cfg.seed, Progress.console())
                : Workflow.evaluate(specs, cfg.clean, List.of(), rows, cfg.evaluate, cfg.seed, Progress.console());
        Pipeline.report(spark, result, report, List.of(), Progress.console(), System.out);
    }
}
