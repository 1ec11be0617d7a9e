package io.sparksynth.workflow;

import io.sparksynth.SynthException;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.QualityGate;
import io.sparksynth.generate.ConditionRequest;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Json;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.report.DescribeTable;
import io.sparksynth.report.ReportWriter;
import io.sparksynth.sink.OutputTarget;
import io.sparksynth.sink.SyntheticSink;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code pipeline}: train on the non-holdout rows, generate, evaluate against the holdout, gate,
 * publish. Writes OUTPUT[/dt=RUN_ID]/{model,synthetic,report} and manifest.json, or with
 * {@code output = table:db.name} the synthetic rows into that table (partition dt=RUN_ID) and the rest
 * under {@code catalog.artifacts-dir}; the real input is read once and serves training and evaluation alike.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * @param runId a scheduler's run id (outputs under OUTPUT/dt=ID), or null
     * @param gate  thresholds that decide whether the synthetic table is published
     * @param out   where the describe table and scores are printed
     */
    public static Manifest run(SparkSession spark, SynthConfig cfg, String runId, QualityGate gate, Progress progress,
                               PrintStream out) {
        long t0 = System.nanoTime();
        OutputTarget target = new OutputTarget(cfg.output, cfg.format, runId);
        String root = target.runDir(cfg.catalog);
        // the sink is opened first: an existing table of another format or partitioning fails before training
        try (SyntheticSink sink = target.open(spark, root + "/synthetic")) {
            Manifest.Outputs dirs = new Manifest.Outputs(root + "/model", target.isTable() ? cfg.output
                    : root + "/synthetic", root + "/report");
            Workflow.Trained trained = Workflow.train(spark, cfg, cfg.input, dirs.model(), false, progress);
            GanModel model = trained.model();
            long t1 = System.nanoTime();
            long trainRows = model.provenance().rows();
            long rows = cfg.generateRows > 0 ? cfg.generateRows : trainRows;
            int partitions = cfg.generatePartitions > 0 ? cfg.generatePartitions
                    : spark.sparkContext().defaultParallelism();
            SyntheticGenerator.writeTo(spark, model, rows, partitions, cfg.seed, ConditionRequest.NONE,
                    sink.stagingDir(), progress);
            long t2 = System.nanoTime();

            Split real = trained.real();
            if (real.holdout() != null) {
                progress.line(String.format("evaluating against the %.0f%% holdout", cfg.holdout * 100));
            }
            // evaluated where it was written: the table is published only after the gate passes
            Dataset<Row> synthetic = spark.read().parquet(sink.stagedRows());
            Comparison compared = new Comparison(real.holdout() != null ? real.holdout() : real.train(), synthetic,
                    real.train(), real.holdout());
            EvaluationResult result = Workflow.evaluate(model, compared, cfg.evaluate, cfg.seed, progress);
            List<QualityGate.Check> checks = gate.check(result.metrics());
            report(spark, result, dirs.report(), checks, progress, out);
            long t3 = System.nanoTime();

            boolean publish = checks.stream().allMatch(QualityGate.Check::passed);
            sink.publish(publish);
            if (publish) {
                progress.line("synthetic rows published: " + sink.describe());
            }
            Manifest manifest = new Manifest(publish ? Manifest.PUBLISHED : Manifest.REJECTED, runId,
                    Instant.now().toString(), cfg.input, cfg.seed, cfg.holdout,
                    new Manifest.Rows(trainRows, result.metrics().rows().real(), rows), dirs, model.provenance(),
                    Manifest.Headline.of(result.metrics()), checks, new Manifest.Durations((t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t0) / 1e9));
            writeManifest(spark, root, manifest);
            for (QualityGate.Check c : checks) {
                progress.line(String.format("quality gate: %s = %.4f %s %.4f: %s", c.metric(), c.value(),
                        c.higherIsBetter() ? ">=" : "<=", c.threshold(), c.passed() ? "ok" : "FAILED"));
            }
            if (!publish) {
                throw new SynthException(SynthException.QUALITY_GATE, "quality gate failed ("
                        + checks.stream().filter(c -> !c.passed()).map(QualityGate.Check::metric).toList()
                        + "): " + sink.withheld() + "; see " + dirs.report()
                        + "/report.html");
            }
            progress.line("pipeline done in " + Progress.duration((System.nanoTime() - t0) / 1e9) + ": " + root);
            return manifest;
        }
    }

    /** Prints the describe table and scores, and writes the report directory. */
    public static void report(SparkSession spark, EvaluationResult result, String dir, List<QualityGate.Check> gate,
                              Progress progress, PrintStream out) {
        out.println();
        out.println(DescribeTable.render(result));
        out.println(DescribeTable.summary(result));
        ReportWriter.write(spark.sparkContext().hadoopConfiguration(), dir, result, gate);
        progress.line("report written to " + dir + " (metrics.json, describe.txt, report.html)");
    }

    /** manifest.json beside the outputs, written to a temporary name and renamed. */
    private static void writeManifest(SparkSession spark, String root, Manifest manifest) {
        try {
            Path dir = new Path(root);
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path tmp = new Path(dir, ".manifest.json.tmp");
            try (FSDataOutputStream o = fs.create(tmp, true)) {
                o.write(Json.write(manifest).getBytes(StandardCharsets.UTF_8));
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
