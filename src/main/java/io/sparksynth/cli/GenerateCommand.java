package io.sparksynth.cli;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.generate.ConditionRequest;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.sink.OutputTarget;
import io.sparksynth.sink.SyntheticSink;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "generate", description = "Write synthetic rows in the real schema: Parquet or Delta files, or a "
        + "catalog table.")
final class GenerateCommand implements Runnable {
    @Option(names = "--model", required = true, paramLabel = "DIR")
    String model;

    @Option(names = "--rows", required = true, paramLabel = "N")
    long rows;

    @Option(names = "--output", required = true, paramLabel = "DIR_OR_TABLE", description = "a directory, or "
            + "table:db.name (created if missing)")
    String output;

    @Option(names = "--partitions", paramLabel = "P", description = "output files (default: Spark's parallelism)")
    Integer partitions;

    @Option(names = "--seed", description = "generation seed (default: the model's seed)")
    Long seed;

    @Option(names = "--run-id", paramLabel = "ID", description = "write OUTPUT/dt=ID, or partition dt=ID of a table "
            + "output; re-running the same ID and seed replaces it with identical rows")
    String runId;

    @Option(names = "--format", paramLabel = "parquet|delta", description = "parquet (default) or delta (Delta Lake)")
    String format;

    @Option(names = "--where", paramLabel = "COL=VALUE[,COL=VALUE]", description = "conditional generation: every "
            + "row holds these values of categorical columns, spelled as in the cleaned real data (repeatable)")
    List<String> where;

    @Option(names = "--balance", paramLabel = "COL", description = "equal rows per value of the categorical column "
            + "COL, each value conditioned as with --where")
    String balance;

    /** Only the output keys (format, catalog.*) apply: the model's own config governs generation. */
    @Mixin
    ConfigOptions config;

    @Override
    public void run() {
        ConditionRequest request = new ConditionRequest(ConditionRequest.parseWhere(where), balance);
        SyntheticGenerator.checkCounts(rows, partitions != null ? partitions : 1); // before Spark's start-up
        List<String> extra = new ArrayList<>();
        if (format != null) {
            extra.add(ConfigOptions.setting("format", format));
        }
        SynthConfig cfg = config.load(extra);
        OutputTarget target = new OutputTarget(output, cfg.format, runId);
        SparkSession spark = SparkSessions.getOrCreate("generate", SessionCatalogs.of(cfg.catalog, cfg.format,
                output));
        GanModel m = GanModel.load(spark.sparkContext().hadoopConfiguration(), model);
        int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        long s = seed != null ? seed : m.config().seed;
        Progress progress = Progress.console();
        try (SyntheticSink sink = target.open(spark, target.runDir(cfg.catalog))) {
            SyntheticGenerator.writeTo(spark, m, rows, p, s, request, sink.stagingDir(), progress);
            sink.publish(true);
            progress.line("synthetic rows published: " + sink.describe());
        }
    }
}
