package io.sparksynth.cli;

import io.sparksynth.SynthException;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.evaluate.QualityGate;
import io.sparksynth.io.Progress;
import io.sparksynth.sink.OutputTarget;
import io.sparksynth.workflow.Pipeline;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "pipeline", description = "Train, generate and evaluate as one job, from one config file: "
        + "writes OUTPUT[/dt=RUN_ID]/{model,synthetic,report} and manifest.json.")
final class PipelineCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Option(names = "--run-id", paramLabel = "ID", description = "put outputs under OUTPUT/dt=ID (a scheduler's "
            + "run date), or into partition dt=ID of a table output; re-running the same ID replaces them with "
            + "identical rows")
    String runId;

    @Option(names = "--output", paramLabel = "DIR_OR_TABLE", description = "overrides the config's output: a "
            + "directory, or table:db.name for the synthetic rows (model, report and manifest then go under "
            + "catalog.artifacts-dir)")
    String output;

    @Option(names = "--format", paramLabel = "parquet|delta", description = "overrides the config's format of the "
            + "synthetic rows: parquet or delta (Delta Lake)")
    String format;

    @Option(names = "--fail-below", paramLabel = "METRIC=VALUE[,...]", description = "quality gate, e.g. "
            + "column_shapes=0.9,detection_auc=0.8: a metric on the bad side of its threshold exits 4 and leaves "
            + "the synthetic table without _SUCCESS")
    String failBelow;

    @Override
    public void run() {
        if (config.conf == null) {
            throw SynthException.usage("pipeline needs --conf FILE (for example conf/eustock.conf)");
        }
        List<String> extra = new ArrayList<>();
        if (output != null) {
            extra.add(ConfigOptions.setting("output", output));
        }
        if (format != null) {
            extra.add(ConfigOptions.setting("format", format));
        }
        SynthConfig cfg = config.load(extra);
        QualityGate gate = QualityGate.parse(failBelow);
        new OutputTarget(cfg.output, cfg.format, runId); // a bad run id or table name: exit 2 before Spark starts
        SparkSession spark = SparkSessions.getOrCreate("pipeline", SessionCatalogs.of(cfg.catalog, cfg.format,
                cfg.input, cfg.output));
        Pipeline.run(spark, cfg, runId, gate, Progress.console(), System.out);
    }
}
