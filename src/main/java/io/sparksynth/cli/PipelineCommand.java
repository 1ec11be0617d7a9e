package io.sparksynth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparksynth.SynthException;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.InputReader;
import io.sparksynth.evaluate.EvaluationInput;
import io.sparksynth.evaluate.Evaluator;
import io.sparksynth.evaluate.QualityGate;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.AtomicOutput;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.preprocess.DataCleaner;
import io.sparksynth.preprocess.TrainHoldoutSplit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "pipeline", description = "Train, generate and evaluate as one job, from one config file: "
        + "writes OUTPUT[/dt=RUN_ID]/{model,synthetic,report} and manifest.json.")
final class PipelineCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        run(spark, cfg, runId, gate, Progress.console());
    }

    static void run(SparkSession spark, SynthConfig cfg, Progress progress) {
        run(spark, cfg, null, QualityGate.parse(null), progress);
    }

    static void run(SparkSession spark, SynthConfig cfg, String runId, QualityGate gate, Progress progress) {
        long t0 = System.nanoTime();
        String root = runId == null ? cfg.output : cfg.output + "/dt=" + runId;
        String modelDir = root + "/model";
        String synthDir = root + "/synthetic";
        String reportDir = root + "/report";

        GanModel model = TrainCommand.train(spark, cfg, cfg.input, modelDir, progress);
        long t1 = System.nanoTime();
        long trainRows = ((Number) model.provenance().get("rows")).longValue();
        long rows = cfg.generateRows > 0 ? cfg.generateRows : trainRows;
        int partitions = cfg.generatePartitions > 0 ? cfg.generatePartitions
                : spark.sparkContext().defaultParallelism();
        try (AtomicOutput synthOut = AtomicOutput.begin(spark.sparkContext().hadoopConfiguration(), synthDir)) {
            SyntheticGenerator.writeTo(spark, model, rows, partitions, cfg.seed, synthOut, progress);
            long t2 = System.nanoTime();

            List<ColumnSpec> specs = model.transform().specs();
            Dataset<Row> real = InputReader.read(spark, cfg.input);
            Dataset<Row> train = DataCleaner.clean(TrainHoldoutSplit.train(real, cfg.holdout, cfg.seed), specs,
                    cfg.clean);
            Dataset<Row> holdout = cfg.holdout > 0
                    ? DataCleaner.clean(TrainHoldoutSplit.holdout(real, cfg.holdout, cfg.seed), specs, cfg.clean)
                    : null;
            if (holdout != null) {
                progress.line(String.format("evaluating against the %.0f%% holdout", cfg.holdout * 100));
            }
            // evaluated where it was written: the table is published only after the gate passes
            Dataset<Row> synthetic = spark.read().parquet(synthOut.tempPath() + "/part-*"); // glob: Spark warns on hidden roots
            EvaluationInput in = new EvaluationInput(holdout != null ? holdout : train, synthetic, train, holdout,
                    specs, cfg.evaluate, cfg.seed, model.history());
            Evaluator.Result result = EvaluateCommand.run(spark, in, reportDir, progress);
            long t3 = System.nanoTime();

            List<QualityGate.Check> checks = gate.check(result.metrics());
            boolean publish = checks.stream().allMatch(QualityGate.Check::passed);
            synthOut.commit(publish);
            Map<String, Object> manifest = manifest(cfg, runId, root, model, trainRows, rows, result, checks, publish,
                    new double[]{(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t0) / 1e9});
            writeManifest(spark, root, manifest);
            for (QualityGate.Check c : checks) {
                progress.line(String.format("quality gate: %s = %.4f %s %.4f: %s", c.metric(), c.value(),
                        c.higherIsBetter() ? ">=" : "<=", c.threshold(), c.passed() ? "ok" : "FAILED"));
            }
            if (!publish) {
                throw new SynthException(SynthException.QUALITY_GATE, "quality gate failed ("
                        + checks.stream().filter(c -> !c.passed()).map(QualityGate.Check::metric).toList()
                        + "): " + synthDir + " was written without _SUCCESS; see " + reportDir + "/report.html");
            }
        }
        progress.line("pipeline done in " + Progress.duration((System.nanoTime() - t0) / 1e9) + ": " + root);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifest(SynthConfig cfg, String runId, String root, GanModel model,
                                                long trainRows, long rows, Evaluator.Result result,
                                                List<QualityGate.Check> checks, boolean publish, double[] secs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", publish ? "published" : "rejected by quality gate");
        m.put("run_id", runId);
        m.put("finished", Instant.now().toString());
        m.put("input", cfg.input);
        m.put("seed", cfg.seed);
        m.put("holdout", cfg.holdout);
        Map<String, Object> r = (Map<String, Object>) result.metrics().get("rows");
        m.put("rows", Map.of("train", trainRows, "compared_real", r.get("real"), "synthetic", rows));
        m.put("outputs", Map.of("model", root + "/model", "synthetic", root + "/synthetic", "report",
                root + "/report"));
        m.put("model", model.provenance());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String k : List.of("column_shapes", "column_pair_trends", "correlation_mad", "detection_auc",
                "ml_efficacy", "privacy")) {
            if (result.metrics().containsKey(k)) {
                metrics.put(k, result.metrics().get(k));
            }
        }
        m.put("metrics", metrics);
        m.put("quality_gate", checks);
        m.put("durations_seconds", Map.of("train", secs[0], "generate", secs[1], "evaluate", secs[2],
                "total", secs[3]));
        return m;
    }

    /** manifest.json beside the outputs, written to a temporary name and renamed. */
    private static void writeManifest(SparkSession spark, String root, Map<String, Object> manifest) {
        try {
            Path dir = new Path(root);
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path tmp = new Path(dir, ".manifest.json.tmp");
            try (FSDataOutputStream o = fs.create(tmp, true)) {
                o.write(JSON.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
            }
            Path target = new Path(dir, "manifest.json");
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest.json under " + root, e);
        }
    }
}
