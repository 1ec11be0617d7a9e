package io.sparksynth.bench;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.InputReader;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.train.TrainingSchedule;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The scaling curve, side by side in one session: training with 1, 2, ... workers (one task, so
 * one executor core, each) and generation over as many partitions. On a cluster of N one-core
 * executors, w workers use w of them, so one run gives every point of the curve under the same
 * load. Training's unit is rows seen per second (an epoch is a pass over all rows, split among
 * the workers); the batch per worker stays the same, so w workers take w batches per step.
 */
public final class ScalingBench {
    public record Options(SynthConfig config, int epochs, long rows, List<Integer> workers, String workDir) {
    }

    record Point(int workers, double epochSeconds, double computeSeconds, double trainRowsPerSecond,
                 int roundsPerEpoch, double generateRowsPerSecond) {
    }

    private ScalingBench() {
    }

    public static List<Point> run(SparkSession spark, Options o, Progress progress, PrintStream out) {
        SynthConfig cfg = o.config();
        Dataset<Row> real = InputReader.read(spark, cfg.input).cache();
        long rows = real.count();
        List<Point> points = new ArrayList<>();
        try {
            for (int w : o.workers()) {
                progress.line("scaling bench: training " + o.epochs() + " epochs with " + w + " worker(s)");
                GanModel model = Workflow.fit(real, cfg.with(List.of("train.workers=" + w, "train.epochs="
                        + o.epochs(), "train.log-every=1", "train.select-best=false")), cfg.input, progress);
                double epoch = Bench.steadyEpochSeconds(model.history());
                // the batch the schedule chose (train.batch-size is 0 for "auto")
                int batch = TrainingSchedule.choose(model.config().train, model.config().gan.pac(), rows, w)
                        .batchSize();
                int k = model.config().train.averagingFrequency();
                int steps = (int) Math.ceil((double) rows / ((long) batch * w));
                progress.line(String.format("scaling bench: generating %,d rows over %d partition(s)", o.rows(), w));
                long t0 = System.nanoTime();
                SyntheticGenerator.write(spark, model, o.rows(), w, 1, o.workDir() + "/gen-" + w, progress);
                double gen = (System.nanoTime() - t0) / 1e9;
                points.add(new Point(w, epoch, Bench.steadyComputeSeconds(model.history()), rows / epoch,
                        (steps + k - 1) / k, o.rows() / gen));
            }
        } finally {
            real.unpersist();
        }
        print(out, cfg.input, rows, o.rows(), points);
        return points;
    }

    static void print(PrintStream out, String input, long rows, long generated, List<Point> points) {
        out.printf("%nscaling (%s, %,d rows; %,d rows generated per point; %s executors x cores)%n", input, rows,
                generated, System.getProperty("spark.executor.instances", "Spark's"));
        out.println("| workers (tasks) | training s/epoch | of it compute | training rows/s | speed-up "
                + "| averaging rounds/epoch | generation rows/s | speed-up |");
        out.println("|---|---|---|---|---|---|---|---|");
        Point base = points.get(0);
        for (Point p : points) {
            out.printf("| %d | %.2f | %.2f | %,.0f | %.2f | %d | %,.0f | %.2f |%n", p.workers(), p.epochSeconds(),
                    p.computeSeconds(), p.trainRowsPerSecond(), p.trainRowsPerSecond() / base.trainRowsPerSecond(), p.roundsPerEpoch(),
                    p.generateRowsPerSecond(), p.generateRowsPerSecond() / base.generateRowsPerSecond());
        }
    }
}
