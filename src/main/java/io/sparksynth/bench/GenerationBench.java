package io.sparksynth.bench;

import io.sparksynth.generate.GenerationStages;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;

import static org.apache.spark.sql.functions.rand;

/**
 * Generation throughput and where it goes, for the same model, rows and partitions in one run:
 * the generator's forward pass alone, the draws and decoding alone, Spark writing decoded rows
 * from memory alone ({@link GenerationStages}), end to end ({@code generate}), and Spark writing
 * as many rows of plain random columns. The limit is what the forward pass and the write allow
 * together, 1 / (1/forward + 1/write): end to end can approach it only by hiding everything else.
 * End to end runs twice, before and after the stages, and is judged by the mean of the two: on a
 * shared machine a change of speed during the run then shows as a gap between them instead of
 * passing for a gap between end to end and its stages.
 */
final class GenerationBench {
    record Result(long rows, int partitions, double endToEndBefore, double endToEndAfter, double forward,
                  double decode, double write, double plain) {
        /** Seconds end to end: the mean of the run before the stages and the run after them. */
        double endToEnd() {
            return (endToEndBefore + endToEndAfter) / 2;
        }

        /** Relative gap between the two end-to-end runs: the machine's drift over the measurement. */
        double drift() {
            return Math.abs(endToEndBefore - endToEndAfter) / Math.min(endToEndBefore, endToEndAfter);
        }

        double rate(double seconds) {
            return rows / seconds;
        }

        /** Rows/s that the forward pass and the write allow together. */
        double limit() {
            return 1 / (1 / rate(forward) + 1 / rate(write));
        }

        void print(PrintStream out, int blockRows, int columns) {
            out.printf("  generation          %,d rows, %d partitions, blocks of %,d rows; each stage alone as a "
                    + "Spark job over the same partitions%n", rows, partitions, blockRows);
            out.printf("    %-44s %9s %12s%n", "stage", "seconds", "rows/s");
            line(out, "forward pass (ND4J)", forward, "");
            line(out, "draws + decoding (noise, choices, rows)", decode, "");
            line(out, "Spark writing decoded rows (from memory)", write, "");
            out.printf("    %-44s %9s %,12.0f%n", "limit 1/(1/forward + 1/write)", "", limit());
            line(out, "end to end (generate), before the stages", endToEndBefore, "");
            line(out, "end to end (generate), after the stages", endToEndAfter, "");
            line(out, "end to end, mean of the two", endToEnd(), String.format("  %.0f %% of the limit",
                    100 * rate(endToEnd()) / limit()));
            if (drift() > 0.10) {
                out.printf("    the two end-to-end runs differ by %.0f %%: the machine's speed changed during the "
                        + "run, or the first run carried the JIT's warm-up (few rows); measure with millions of "
                        + "rows on a quiet machine%n", 100 * drift());
            }
            line(out, "plain Spark write, " + columns + " rand() columns", plain, "");
        }

        private void line(PrintStream out, String stage, double seconds, String note) {
            out.printf("    %-44s %9.1f %,12.0f%s%n", stage, seconds, rate(seconds), note);
        }
    }

    private GenerationBench() {
    }

    static Result run(SparkSession spark, GanModel model, long rows, int partitions, String dir, Progress progress) {
        Runnable generate = () -> SyntheticGenerator.write(spark, model, rows, partitions, 1, dir + "/gan", progress);
        double before = seconds(generate);
        progress.line("bench: generation stages alone (forward pass, draws + decoding, write)");
        double forward = seconds(() -> GenerationStages.forward(spark, model, rows, partitions));
        double decode = seconds(() -> GenerationStages.decode(spark, model, rows, partitions));
        double write;
        try (GenerationStages.DecodedPools pools = GenerationStages.decodedPools(spark, model, rows, partitions)) {
            write = seconds(() -> pools.write(dir + "/decoded"));
        }

        progress.line("bench: generation end to end again, after the stages");
        double after = seconds(generate);

        int columns = model.transform().columns.size();
        Column[] cols = new Column[columns];
        for (int i = 0; i < columns; i++) {
            cols[i] = rand(i).as("c" + i);
        }
        progress.line(String.format("plain Spark: writing %,d rows x %d random columns", rows, columns));
        double plain = seconds(() -> spark.range(0, rows, 1, partitions).select(cols).write().mode(SaveMode.Overwrite)
                .parquet(dir + "/plain"));
        return new Result(rows, partitions, before, after, forward, decode, write, plain);
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
