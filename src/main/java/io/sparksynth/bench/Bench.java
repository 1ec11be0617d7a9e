package io.sparksynth.bench;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.InputReader;
import io.sparksynth.generate.GenerationStages;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.model.EpochRecord;
import io.sparksynth.train.NetworkState;
import io.sparksynth.train.TrainingSchedule;
import io.sparksynth.train.TrainingSpec;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark: training seconds per epoch, generation rows per second next to a plain Spark
 * write, and the cost of one averaging round of sparksynth's GAN-aware loop next to dl4j-spark's
 * fit()-per-phase rounds. Comparisons run side by side in the same JVM, so their ratios hold on
 * a shared, noisy machine where absolute figures do not.
 */
public final class Bench {
    public record Options(SynthConfig config, int epochs, long rows, int partitions, int rounds, boolean dl4jSpark,
                          boolean evaluate, String workDir) {
    }

    private Bench() {
    }

    public static void run(SparkSession spark, Options o, Progress progress, PrintStream out) {
        SynthConfig cfg = o.config();
        Dataset<Row> real = InputReader.read(spark, cfg.input).cache();
        long rows = real.count();
        int k = cfg.train.averagingFrequency();

        progress.line("bench: training " + o.epochs() + " epochs on " + cfg.input + " (averaging every " + k + ")");
        GanModel model = Workflow.fit(real, withTrain(cfg, o.epochs(), k), cfg.input, progress);
        double epochSeconds = steadyEpochSeconds(model.history());
        int workers = model.provenance().workers();
        TrainingSchedule schedule = TrainingSchedule.choose(cfg.train, model.config().gan.pac(), rows, workers);
        int stepsPerEpoch = schedule.stepsPerEpoch();

        progress.line("bench: the same training averaging after every step (k = 1)");
        GanModel everyStep = Workflow.fit(real, withTrain(cfg, Math.min(2, o.epochs()), 1), cfg.input, progress);
        double msRoundK1 = steadyEpochSeconds(everyStep.history()) * 1000 / stepsPerEpoch;
        double msRoundK = epochSeconds * 1000 / Math.ceil((double) stepsPerEpoch / k);

        double dl4jK1 = Double.NaN;
        double dl4jK = Double.NaN;
        String dl4jNote = "";
        if (o.dl4jSpark()) {
            progress.line("bench: dl4j-spark ParameterAveragingTrainingMaster, one fit() per GAN phase");
            TrainingSpec spec = TrainingSpec.of("bench", model.config().gan, schedule.batchSize(), cfg.seed, model.transform());
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            try {
                dl4jK1 = RoundBench.dl4jSparkMillisPerRound(jsc, spec, workers, 1, o.rounds());
                dl4jK = RoundBench.dl4jSparkMillisPerRound(jsc, spec, workers, k, o.rounds());
            } catch (RuntimeException e) {
                dl4jNote = "dl4j-spark: failed: " + e;
            }
        }

        progress.line("bench: generation");
        GenerationBench.Result gen = GenerationBench.run(spark, model, o.rows(), o.partitions(), o.workDir(), progress);
        EvaluationBench.Result eval = o.evaluate() ? EvaluationBench.run(spark, model, real, o.workDir() + "/gan", cfg,
                progress) : null;
        real.unpersist();

        NetworkState g = NetworkState.of(model.generator());
        NetworkState d = NetworkState.of(model.discriminator());
        out.println();
        out.println("sparksynth bench (" + cfg.input + ", " + rows + " rows, " + workers + " workers, batch "
                + schedule.batchSize() + " per worker, " + Runtime.getRuntime().availableProcessors() + " cores)");
        double compute = steadyComputeSeconds(model.history());
        out.printf("  training            %8.2f s per epoch (mean of epochs 2..%d), %,.0f rows/s%n", epochSeconds,
                o.epochs(), rows / epochSeconds);
        out.printf("                      %8.2f s of it compute (the slowest worker's steps per round): round "
                + "overhead %.0f %% at k=%d%n", compute, 100 * (1 - compute / epochSeconds), k);
        out.printf("  averaging round     sparksynth GAN-aware: %7.1f ms (k=1)  %7.1f ms (k=%d)   [%,d bytes of "
                + "networks + Adam state each way]%n", msRoundK1, msRoundK, k, RoundBench.ganRoundPayloadBytes(g, d));
        if (o.dl4jSpark()) {
            if (dl4jNote.isEmpty()) {
                out.printf("                      dl4j-spark fit per phase: %5.1f ms (k=1)  %7.1f ms (k=%d)%n",
                        dl4jK1, dl4jK, k);
                out.printf("                      ratio dl4j-spark / sparksynth: %.2f (k=1)  %.2f (k=%d)%n",
                        dl4jK1 / msRoundK1, dl4jK / msRoundK, k);
            } else {
                out.println("                      " + dl4jNote);
            }
        }
        gen.print(out, GenerationStages.BLOCK_ROWS, model.transform().columns.size());
        out.printf("    ratio generation time / plain write time = %.2f%n", gen.endToEnd() / gen.plain());
        if (eval != null) {
            out.printf("  evaluation          %,d synthetic rows vs the real table: %.1f s (every metric and plot data)%n",
                    eval.rows(), eval.evaluateSeconds());
            out.printf("  Dataset.summary()   same synthetic rows: %.1f s; ratio evaluate / summary = %.2f%n",
                    eval.summarySeconds(), eval.evaluateSeconds() / eval.summarySeconds());
        }
    }

    private static SynthConfig withTrain(SynthConfig cfg, int epochs, int k) {
        List<String> o = new ArrayList<>();
        o.add("train.epochs=" + epochs);
        o.add("train.averaging-frequency=" + k);
        o.add("train.log-every=1");
        return cfg.with(o);
    }

    /** Mean compute seconds per epoch (see {@link EpochRecord#computeSeconds()}), as {@link #steadyEpochSeconds}. */
    static double steadyComputeSeconds(List<EpochRecord> history) {
        List<EpochRecord> h = history.size() > 1 ? history.subList(1, history.size()) : history;
        return h.stream().mapToDouble(EpochRecord::computeSeconds).average().orElse(Double.NaN);
    }

    /** Mean seconds per epoch, leaving out the first (JIT and network warm-up) when there are more. */
    static double steadyEpochSeconds(List<EpochRecord> history) {
        List<EpochRecord> h = history.size() > 1 ? history.subList(1, history.size()) : history;
        return h.stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }
}
