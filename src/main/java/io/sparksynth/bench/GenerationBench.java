package io.sparksynth.bench;

import io.sparksynth.generate.GenerationStages;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.Arrays;

import static org.apache.spark.sql.functions.rand;

/**
 * Generation throughput and where it goes, for the same model, rows and partitions in one run:
 * the generator's forward pass alone, the draws and decoding alone, Spark writing decoded rows
 * from memory alone ({@link GenerationStages}), end to end ({@code generate}), and Spark writing
 * as many rows of plain random columns. The limit is what the forward pass and the write allow
 * together, 1 / (1/forward + 1/write): end to end can approach it only by hiding everything else.
 * <p>
 * On a shared 2-core machine one timing of a stage varies by 15-30 % from run to run (the same
 * forward-pass job measured 103,000 and 136,000 rows/s in two runs), more than the gaps being
 * judged. So after an untimed warm-up (the JIT), end to end and the three stages run in
 * {@link #REPEATS} interleaved rounds, and each is judged by its median: a change of the machine's
 * speed during the run then touches every figure alike instead of one of them.
 */
final class GenerationBench {
    /** Interleaved rounds of end to end and the three stages. */
    static final int REPEATS = 3;

    /** Seconds of each timed run, in round order. */
    record Result(long rows, int partitions, double[] endToEndRuns, double[] forwardRuns, double[] decodeRuns,
                  double[] writeRuns, double plain) {
        double rate(double seconds) {
            return rows / seconds;
        }

        /** Seconds end to end: the median round. */
        double endToEnd() {
            return median(endToEndRuns);
        }

        /** Rows/s that the forward pass and the write allow together (medians). */
        double limit() {
            return 1 / (1 / rate(median(forwardRuns)) + 1 / rate(median(writeRuns)));
        }

        void print(PrintStream out, int blockRows, int columns) {
            out.printf("  generation          %,d rows, %d partitions, blocks of %,d rows; each stage alone as a "
                    + "Spark job over the same partitions; median of %d interleaved rounds (slowest-fastest)%n",
                    rows, partitions, blockRows, endToEndRuns.length);
            out.printf("    %-44s %9s %12s   %s%n", "stage", "seconds", "rows/s", "spread");
            line(out, "forward pass (ND4J)", forwardRuns, "");
            line(out, "draws + decoding (noise, choices, rows)", decodeRuns, "");
            line(out, "Spark writing decoded rows (from memory)", writeRuns, "");
            out.printf("    %-44s %9s %,12.0f%n", "limit 1/(1/forward + 1/write)", "", limit());
            line(out, "end to end (generate)", endToEndRuns, String.format("  %.0f %% of the limit",
                    100 * rate(endToEnd()) / limit()));
            out.printf("    %-44s %9.1f %,12.0f%n", "plain Spark write, " + columns + " rand() columns", plain,
                    rate(plain));
        }

        private void line(PrintStream out, String stage, double[] seconds, String note) {
            double median = median(seconds);
            double slowest = Arrays.stream(seconds).max().orElseThrow();
            double fastest = Arrays.stream(seconds).min().orElseThrow();
            out.printf("    %-44s %9.1f %,12.0f   %,.0f-%,.0f%s%n", stage, median, rate(median), rate(slowest),
                    rate(fastest), note);
        }
    }

    private GenerationBench() {
    }

    static Result run(SparkSession spark, GanModel model, long rows, int partitions, String dir, Progress progress) {
        progress.line("bench: generation warm-up (untimed)");
        SyntheticGenerator.write(spark, model, Math.min(rows, 200_000L), partitions, 2, dir + "/warm-up", progress);
        double[] endToEnd = new double[REPEATS];
        double[] forward = new double[REPEATS];
        double[] decode = new double[REPEATS];
        double[] write = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            progress.line(String.format("bench: generation round %d of %d: end to end, then each stage alone",
                    r + 1, REPEATS));
            endToEnd[r] = seconds(() -> SyntheticGenerator.write(spark, model, rows, partitions, 1, dir + "/gan",
                    progress));
            forward[r] = seconds(() -> GenerationStages.forward(spark, model, rows, partitions));
            decode[r] = seconds(() -> GenerationStages.decode(spark, model, rows, partitions));
            try (GenerationStages.DecodedPools pools = GenerationStages.decodedPools(spark, model, rows, partitions)) {
                write[r] = seconds(() -> pools.write(dir + "/decoded"));
            }
        }

        int columns = model.transform().columns.size();
        Column[] cols = new Column[columns];
        for (int i = 0; i < columns; i++) {
            cols[i] = rand(i).as("c" + i);
        }
        progress.line(String.format("plain Spark: writing %,d rows x %d random columns", rows, columns));
        double plain = seconds(() -> spark.range(0, rows, 1, partitions).select(cols).write().mode(SaveMode.Overwrite)
                .parquet(dir + "/plain"));
        return new Result(rows, partitions, endToEnd, forward, decode, write, plain);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
