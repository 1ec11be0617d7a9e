package io.sparksynth.bench;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.InputReader;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Workflow;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Big outputs with a flat driver heap: one model generates each of several row counts (1 million,
 * then 100 million, say) into Parquet, and each output is counted back from its files. For every
 * run it prints the wall time, rows/s, and this JVM's heap: live (after full collections forced
 * every {@link #FULL_GC_SECONDS} seconds, see {@link HeapWatch}) and the peak. Nothing proportional
 * to the rows is kept on the driver, so the live heap must be the same at every size. In local mode this JVM is the
 * driver and the executors, so the figure bounds the driver's from above.
 */
public final class BigOutputBench {
    /**
     * @param model            a saved model directory, or null to train one of {@code epochs} epochs on the config's input
     * @param rowsPerPartition generation partitions are ceil(rows / this), at least Spark's parallelism
     */
    public record Options(SynthConfig config, String model, int epochs, List<Long> rows, long rowsPerPartition,
                          String workDir) {
    }

    record Run(long rows, int partitions, double seconds, long counted, int fullCollections, long maxLiveMb,
               long peakMb) {
    }

    static final int FULL_GC_SECONDS = 20;

    private BigOutputBench() {
    }

    public static List<Run> run(SparkSession spark, Options o, Progress progress, PrintStream out) {
        SynthConfig cfg = o.config();
        GanModel model;
        if (o.model() != null) {
            model = GanModel.load(spark.sparkContext().hadoopConfiguration(), o.model());
        } else {
            progress.line("big-output bench: training " + o.epochs() + " epochs on " + cfg.input);
            model = Workflow.fit(InputReader.read(spark, cfg.input), cfg.with(List.of("train.epochs=" + o.epochs())),
                    cfg.input, progress);
        }
        int parallelism = spark.sparkContext().defaultParallelism();
        List<Run> runs = new ArrayList<>();
        for (long n : o.rows()) {
            int partitions = (int) Math.max(parallelism, (n + o.rowsPerPartition() - 1) / o.rowsPerPartition());
            String dir = o.workDir() + "/rows-" + n;
            System.gc(); // each size starts from the same live heap
            HeapWatch watch = new HeapWatch().withFullGcEvery(FULL_GC_SECONDS);
            SyntheticGenerator.write(spark, model, n, partitions, cfg.seed, dir, progress);
            watch.end();
            long counted = spark.read().parquet(dir).count();
            if (counted != n) {
                throw new IllegalStateException(dir + " holds " + counted + " rows, not the " + n + " generated");
            }
            runs.add(new Run(n, partitions, watch.seconds, counted, watch.fullCollections(), watch.maxAfterFullGcMb(),
                    watch.peakMb));
            delete(spark, dir);
        }
        print(out, spark, runs);
        return runs;
    }

    static void print(PrintStream out, SparkSession spark, List<Run> runs) {
        out.printf("%nbig output (%s, %d cores, driver -Xmx %d MB%s)%n", spark.sparkContext().master(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                spark.sparkContext().isLocal() ? "; local mode: the driver's JVM runs the executors' tasks too" : "");
        out.println("| rows | partitions | wall s | rows/s | rows counted | full GCs (every " + FULL_GC_SECONDS
                + " s) | max live heap MB | peak heap MB |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (Run r : runs) {
            out.printf("| %,d | %d | %.1f | %,.0f | %,d | %d | %d | %d |%n", r.rows(), r.partitions(), r.seconds(),
                    r.rows() / r.seconds(), r.counted(), r.fullCollections(), r.maxLiveMb(), r.peakMb());
        }
    }

    private static void delete(SparkSession spark, String dir) {
        try {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
