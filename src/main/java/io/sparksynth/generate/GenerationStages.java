package io.sparksynth.generate;

import io.sparksynth.data.TemporalColumns;
import io.sparksynth.model.GanModel;
import io.sparksynth.model.Seeds;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The stages of unconditioned generation, each run alone as a Spark job over the same partitions
 * and row shares as {@link SyntheticGenerator}, so the bench can say where the time goes and what
 * the limit is: the generator's forward pass (one fixed input block through the network, block
 * after block), the draws and decoding (conditions, noise, one-hot choices and rows made from one
 * fixed block of raw outputs), and Spark writing decoded rows from memory (one decoded block per
 * task, written over and over, through the same projection and Parquet writer). The caller times
 * each call.
 */
public final class GenerationStages {
    /** Rows per block: the forward pass's batch. */
    public static final int BLOCK_ROWS = BlockSampler.BLOCK;
    private static volatile double blackhole;

    private GenerationStages() {
    }

    /** What one task does with its sampler and its number of rows; returns the rows to write, if any. */
    private interface Stage extends Serializable {
        Iterator<InternalRow> run(BlockSampler sampler, long rows);
    }

    /** The forward pass alone: the task's blocks, each through the network. */
    public static void forward(SparkSession spark, GanModel model, long rows, int partitions) {
        tasks(spark, model, rows, partitions, (sampler, n) -> {
            float[] input = sampler.input(Seeds.random(0));
            double sink = 0;
            for (long b = 0; b < blocks(n); b++) {
                sink += sampler.forward(input)[0];
            }
            return nothing(sink);
        }).count();
    }

    /** The draws and the decoding alone: every block's input drawn, its choices drawn and its rows decoded. */
    public static void decode(SparkSession spark, GanModel model, long rows, int partitions) {
        tasks(spark, model, rows, partitions, (sampler, n) -> {
            float[] raw = sampler.forward(sampler.input(Seeds.random(0)));
            double sink = 0;
            for (long b = 0; b < blocks(n); b++) {
                SplittableRandom rng = Seeds.random(1, b);
                sink += sampler.input(rng)[0];
                sink += sampler.finish(raw, rng, b * BLOCK_ROWS).size();
            }
            return nothing(sink);
        }).count();
    }

    /** Spark writing decoded rows alone: one decoded block per task, repeated for the task's rows. */
    public static void write(SparkSession spark, GanModel model, long rows, int partitions, String path) {
        JavaRDD<InternalRow> out = tasks(spark, model, rows, partitions, (sampler, n) -> {
            SplittableRandom rng = Seeds.random(0);
            List<GenericInternalRow> block = sampler.finish(sampler.forward(sampler.input(rng)), rng, 0);
            return new Iterator<>() {
                private long next;

                @Override
                public boolean hasNext() {
                    return next < n;
                }

                @Override
                public InternalRow next() {
                    return block.get((int) (next++ % BlockSampler.BLOCK));
                }
            };
        });
        ParquetSink.write(SyntheticGenerator.output(model, InternalRows.frame(spark, out,
                model.transform().decodedSchema())), path);
    }

    private static JavaRDD<InternalRow> tasks(SparkSession spark, GanModel model, long rows, int partitions,
                                              Stage stage) {
        SyntheticGenerator.checkCounts(rows, partitions);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<GeneratorSpec> shared = jsc.broadcast(GeneratorSpec.of(model));
        List<Integer> ids = IntStream.range(0, partitions).boxed().toList();
        return jsc.parallelize(ids, partitions).mapPartitions(it -> {
            if (!it.hasNext()) {
                return Collections.emptyIterator();
            }
            int p = it.next();
            long n = SyntheticGenerator.rangeStart(rows, partitions, p + 1)
                    - SyntheticGenerator.rangeStart(rows, partitions, p);
            return stage.run(new BlockSampler(shared.value()), n);
        });
    }

    private static long blocks(long rows) {
        return (rows + BlockSampler.BLOCK - 1) / BlockSampler.BLOCK;
    }

    /** No rows; {@code sink} is kept only so that the JIT cannot drop the work that made it. */
    private static Iterator<InternalRow> nothing(double sink) {
        blackhole = sink;
        return Collections.emptyIterator();
    }
}
