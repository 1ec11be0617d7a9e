package io.sparksynth.bench;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Comparison;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Evaluation at scale: every statistic of {@code evaluate} on the generated rows against the real
 * table, next to Spark's own {@code Dataset.summary()} (count, mean, std, min, quartiles, max) of
 * the same synthetic rows, as a ratio.
 */
final class EvaluationBench {
    record Result(long rows, double evaluateSeconds, double summarySeconds) {
    }

    private EvaluationBench() {
    }

    static Result run(SparkSession spark, GanModel model, Dataset<Row> real, String synthetic, SynthConfig cfg,
                      Progress progress) {
        Dataset<Row> synth = spark.read().parquet(synthetic);
        long rows = synth.count();
        progress.line(String.format("bench: Dataset.summary() of %,d synthetic rows", rows));
        long t0 = System.nanoTime();
        synth.summary().collectAsList();
        double summary = (System.nanoTime() - t0) / 1e9;

        progress.line(String.format("bench: evaluate %,d synthetic rows against the real table", rows));
        long t1 = System.nanoTime();
        Workflow.evaluate(model, new Comparison(real, synth, real, null), cfg.evaluate, cfg.seed, progress);
        double evaluate = (System.nanoTime() - t1) / 1e9;
        return new Result(rows, evaluate, summary);
    }
}
