package io.sparksynth.cli;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.InputReader;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.evaluate.DescribeTable;
import io.sparksynth.evaluate.EvaluationInput;
import io.sparksynth.evaluate.Evaluator;
import io.sparksynth.evaluate.ReportWriter;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.preprocess.DataCleaner;
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
    @Option(names = "--real", required = true, paramLabel = "PATH", description = "real data (Parquet or table:)")
    String real;

    @Option(names = "--synthetic", required = true, paramLabel = "PATH")
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
        SparkSession spark = SparkSessions.getOrCreate("evaluate");
        Dataset<Row> realDf = InputReader.read(spark, real);
        List<ColumnSpec> specs;
        SynthConfig cleaning = cfg;
        List<io.sparksynth.train.EpochRecord> history = List.of();
        if (model != null) {
            GanModel m = GanModel.load(spark.sparkContext().hadoopConfiguration(), model);
            specs = m.transform().specs();
            cleaning = m.config();
            history = m.history();
        } else {
            specs = SchemaInspector.inspect(realDf, cfg.schema, real);
        }
        Dataset<Row> realClean = DataCleaner.clean(realDf, specs, cleaning.clean);
        Dataset<Row> synth = DataCleaner.clean(InputReader.read(spark, synthetic), specs, cleaning.clean);
        Dataset<Row> hold = holdout == null ? null
                : DataCleaner.clean(InputReader.read(spark, holdout), specs, cleaning.clean);
        EvaluationInput in = new EvaluationInput(realClean, synth, realClean, hold, specs, cfg.evaluate, cfg.seed,
                history);
        run(spark, in, report, Progress.console());
    }

    static Evaluator.Result run(SparkSession spark, EvaluationInput in, String report, Progress progress) {
        Evaluator.Result result = Evaluator.evaluate(in, progress);
        System.out.println();
        System.out.println(DescribeTable.render(result));
        System.out.println(DescribeTable.summary(result));
        ReportWriter.write(spark.sparkContext().hadoopConfiguration(), report, result);
        progress.line("report written to " + report + " (metrics.json, describe.txt, report.html)");
        return result;
    }
}
