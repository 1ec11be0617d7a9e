package io.sparksynth.generate;

import io.sparksynth.SynthException;
import io.sparksynth.data.StructColumns;
import io.sparksynth.data.TemporalColumns;
import io.sparksynth.io.AtomicOutput;
import io.sparksynth.io.Progress;
import io.sparksynth.io.TaskProgress;
import io.sparksynth.model.GanModel;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;

import java.util.ArrayList;
import java.util.List;

/**
 * Massive generation: the generator is broadcast once, each of P partitions generates its
 * global row range (an even split of [0, N)) block by block on the executors, and rows stream into
 * Parquet. Nothing proportional to N touches the driver; the same seed gives the same rows
 * whatever P. Under conditions ({@link ConditionRequest}) the rows are planned per group of
 * conditions ({@link GenerationPlan}) and each block is steered and filtered ({@link Conditions}).
 */
public final class SyntheticGenerator {
    private SyntheticGenerator() {
    }

    /** A lazily generated dataset of {@code rows} synthetic rows in the real schema. */
    public static Dataset<Row> generate(SparkSession spark, GanModel model, long rows, int partitions, long seed) {
        return generate(spark, model, rows, partitions, seed, ConditionRequest.NONE);
    }

    /**
     * As {@link #generate(SparkSession, GanModel, long, int, long)}, under conditions: every row
     * holds the {@code --where} values, and {@code --balance} spreads the rows evenly over the
     * column's values. The request is checked, and conditions enforced by rejection are probed,
     * on the driver before the dataset is returned (exit 2 for a bad column or value, or a
     * combination the model (nearly) never produces).
     */
    public static Dataset<Row> generate(SparkSession spark, GanModel model, long rows, int partitions, long seed,
                                        ConditionRequest request) {
        return prepare(spark, model, rows, partitions, seed, request).rows();
    }

    /** A checked plan, its probe's lines and the lazy rows. */
    private record Prepared(List<String> probe, Dataset<Row> rows) {
    }

    private static Prepared prepare(SparkSession spark, GanModel model, long rows, int partitions, long seed,
                                    ConditionRequest request) {
        checkCounts(rows, partitions);
        GeneratorSpec spec = GeneratorSpec.of(model);
        GenerationPlan plan = GenerationPlan.of(spec, rows, request);
        List<String> probe = plan.probe(spec, seed);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<GeneratorSpec> shared = jsc.broadcast(spec);
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        final int parts = partitions;
        JavaRDD<InternalRow> out = jsc.parallelize(ids, partitions).mapPartitions(it -> {
            if (!it.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            int p = it.next();
            return new BlockGenerator(shared.value(), plan, seed, rangeStart(rows, parts, p),
                    rangeStart(rows, parts, p + 1));
        });
        Dataset<Row> decoded = InternalRows.frame(spark, out, model.transform().decodedSchema());
        return new Prepared(probe, output(model, decoded));
    }

    /** Decoded rows in the real schema: dates and timestamps in their types, struct columns nested again. */
    static Dataset<Row> output(GanModel model, Dataset<Row> decoded) {
        return StructColumns.rebuild(TemporalColumns.toTemporal(decoded, model.transform().specs()),
                model.transform().sourceSchema);
    }

    /**
     * The row and partition counts a generation accepts (exit 2 otherwise); callers check them
     * before starting Spark too. Zero rows is valid: an empty table in the real schema.
     */
    public static void checkCounts(long rows, int partitions) {
        if (rows < 0) {
            throw SynthException.usage("--rows must be non-negative, got " + rows);
        }
        if (partitions < 1) {
            throw SynthException.usage("--partitions must be at least 1, got " + partitions);
        }
    }

    /** First global row of partition p when n rows are split evenly over parts partitions. */
    static long rangeStart(long n, int parts, int p) {
        return (n / parts) * p + Math.min(p, n % parts);
    }

    /** Generates and writes Parquet atomically, with {@code _SUCCESS} last; returns rows written. */
    public static long write(SparkSession spark, GanModel model, long rows, int partitions, long seed, String output,
                             Progress progress) {
        return write(spark, model, rows, partitions, seed, ConditionRequest.NONE, output, progress);
    }

    /** As {@link #write(SparkSession, GanModel, long, int, long, String, Progress)}, under conditions. */
    public static long write(SparkSession spark, GanModel model, long rows, int partitions, long seed,
                             ConditionRequest request, String output, Progress progress) {
        try (AtomicOutput out = AtomicOutput.begin(spark.sparkContext().hadoopConfiguration(), output)) {
            writeTo(spark, model, rows, partitions, seed, request, out.tempPath(), progress);
            out.commit();
        }
        return rows;
    }

    /** Generates into the temporary directory of {@code out}, leaving the commit to the caller. */
    public static void writeTo(SparkSession spark, GanModel model, long rows, int partitions, long seed,
                               AtomicOutput out, Progress progress) {
        writeTo(spark, model, rows, partitions, seed, ConditionRequest.NONE, out.tempPath(), progress);
    }

    /** Generates Parquet into {@code dir} (a sink's staging directory), leaving the publishing to the caller. */
    public static void writeTo(SparkSession spark, GanModel model, long rows, int partitions, long seed,
                               ConditionRequest request, String dir, Progress progress) {
        progress.line(String.format("generating %,d rows in %d partitions (seed %d)%s", rows, partitions, seed,
                request.isEmpty() ? "" : ", conditions: " + request));
        Prepared prepared = prepare(spark, model, rows, partitions, seed, request);
        prepared.probe().forEach(progress::line);
        TaskProgress listener = new TaskProgress(progress, rows);
        spark.sparkContext().addSparkListener(listener);
        long t0 = System.nanoTime();
        try {
            spark.sparkContext().setJobDescription("sparksynth generate: " + rows + " rows");
            ParquetSink.write(prepared.rows(), dir);
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.line(String.format("generated %,d rows in %s (%.0f rows/s)", rows, Progress.duration(secs),
                rows / Math.max(secs, 1e-9)));
    }
}
