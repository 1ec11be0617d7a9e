package io.sparksynth.cli;

import io.sparksynth.SynthException;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.evaluate.QualityGate;
import io.sparksynth.io.Progress;
import io.sparksynth.workflow.Pipeline;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "pipeline", description = "Train, generate and evaluate as one job, from one config file: "
        + "writes OUTPUT[/dt=RUN_ID]/{model,synthetic,report} and manifest.json.")
final class PipelineCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Option(names = "--run-id", paramLabel = "ID", description = "put outputs under OUTPUT/dt=ID (a scheduler's "
            + "run date); re-running the same ID replaces them with identical rows")
    String runId;

    @Option(names = "--fail-below", paramLabel = "METRIC=VALUE[,...]", description = "quality gate, e.g. "
            + "column_shapes=0.9,detection_auc=0.8: a metric on the bad side of its threshold exits 4 and leaves "
            + "the synthetic table without _SUCCESS")
    String failBelow;

    @Override
    public void run() {
        if (config.conf == null) {
            throw SynthException.usage("pipeline needs --conf FILE (for example conf/eustock.conf)");
        }
        SynthConfig cfg = config.load(List.of());
        QualityGate gate = QualityGate.parse(failBelow);
        if (runId != null && !runId.matches("[A-Za-z0-9_.:-]+")) {
            throw SynthException.usage("--run-id '" + runId + "' may only hold letters, digits and _ . : -");
        }
        SparkSession spark = SparkSessions.getOrCreate("pipeline");
        Pipeline.run(spark, cfg, runId, gate, Progress.console(), System.out);
    }
}
