package io.sparksynth.bench;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.evaluate.Metrics;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Comparison;
import io.sparksynth.workflow.Split;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.util.List;

/**
 * The wide-table bench: a {@link WideTables} table of {@code columns} mixed columns is trained with
 * the defaults (plus --conf/--set), as many rows generated and evaluated against a 20 % holdout.
 * Prints each stage's wall time and the driver's peak heap during it (the sum of the heap pools'
 * peaks since the stage began, an upper bound of the true peak).
 */
public final class WideTableBench {
    public record Options(SynthConfig config, int columns, long rows, String workDir) {
    }

    private WideTableBench() {
    }

    public static void run(SparkSession spark, Options o, Progress progress, PrintStream out) {
        long seed = o.config().seed;
        String real = o.workDir() + "/real";
        WideTables.make(spark, o.columns(), o.rows(), seed).write().mode("overwrite").parquet(real);
        Split split = Split.of(spark.read().parquet(real), 0.2, seed);
        Dataset<Row> train = split.train().cache();
        Dataset<Row> holdout = split.holdout().cache();
        try {
            progress.line("wide bench: " + o.columns() + " columns x " + train.count() + " training rows");
            HeapWatch fit = new HeapWatch();
            GanModel model = Workflow.fit(train, o.config(), real, progress);
            fit.end();
            long rows = model.provenance().rows();
            HeapWatch gen = new HeapWatch();
            SyntheticGenerator.generate(spark, model, rows, spark.sparkContext().defaultParallelism(), seed)
                    .write().mode("overwrite").parquet(o.workDir() + "/synthetic");
            gen.end();
            Dataset<Row> synthetic = spark.read().parquet(o.workDir() + "/synthetic");
            HeapWatch eval = new HeapWatch();
            Metrics m = Workflow.evaluate(model.transform().specs(), model.config().clean, List.of(),
                    new Comparison(holdout, synthetic, train, holdout), o.config().evaluate, seed, progress)
                    .metrics();
            eval.end();
            out.printf("%nwide table: %d columns, %,d training rows, %d epochs, %d cores%n", o.columns(), rows,
                    model.history().size(), Runtime.getRuntime().availableProcessors());
            out.println("| stage | wall s | peak driver heap MB |");
            out.println("|---|---|---|");
            out.printf("| train | %.1f | %d |%n", fit.seconds, fit.peakMb);
            out.printf("| generate %,d rows | %.1f | %d |%n", rows, gen.seconds, gen.peakMb);
            out.printf("| evaluate | %.1f | %d |%n", eval.seconds, eval.peakMb);
            out.printf("column shapes %.3f, pair trends %.3f (%s), correlation MAD %.3f, detection AUC %.3f%n",
                    m.columnShapes(), m.columnPairTrends(), m.estimation().pairs(), m.correlationMad(),
                    m.detectionAuc());
        } finally {
            train.unpersist();
            holdout.unpersist();
        }
    }
}
