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
import org.apache.spark.storage.StorageLevel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The stages of unconditioned generation, each run alone as a Spark job over the same partitions
 * and row shares as {@link SyntheticGenerator}, so the bench can say where the time goes and what
 * the limit is: the generator's forward pass (the task's inputs through the network, block after
 * block), the draws and decoding (conditions, noise, one-hot choices and rows made from one
 * fixed block of raw outputs), and Spark writing decoded rows from memory ({@link DecodedPools}:
 * rows decoded and cached first, then written over and over through the same projection and
 * Parquet writer). The caller times each call.
 */
public final class GenerationStages {
    /** Rows per block: the forward pass's batch. */
    public static final int BLOCK_ROWS = BlockSampler.BLOCK;
    private static volatile double blackhole;

    private GenerationStages() {
    }

    /**
     * Blocks of decoded rows each write-stage task holds: 128 x 1,024 rows, as many distinct values
     * as Parquet meets in a real output before its dictionaries fill (1 MB) and fall back to plain
     * encoding. A pool of one block, repeated, made the write look faster than it is: tiny
     * dictionaries and pages that compress to almost nothing.
     */
    static final int POOL_BLOCKS = 128;

    /** Distinct input blocks the forward-pass stage takes in turn. */
    static final int INPUT_BLOCKS = 16;

    /** What one task does with its sampler and its number of rows; returns what it makes, if anything. */
    private interface Stage<T> extends Serializable {
        Iterator<T> run(BlockSampler sampler, int partition, long rows);
    }

    /**
     * The forward pass alone: the task's blocks, each through the network, with the task's first
     * {@link #INPUT_BLOCKS} blocks' own inputs (drawn before the loop) taken in turn, since
     * {@code generate} never feeds the same input twice.
     */
    public static void forward(SparkSession spark, GanModel model, long rows, int partitions) {
        tasks(spark, model, rows, partitions, (sampler, p, n) -> {
            long first = SyntheticGenerator.rangeStart(rows, partitions, p) / BLOCK_ROWS;
            float[][] inputs = new float[INPUT_BLOCKS][];
            for (int i = 0; i < INPUT_BLOCKS; i++) {
                inputs[i] = sampler.input(Seeds.random(1, first + i));
            }
            double sink = 0;
            for (long b = 0; b < blocks(n); b++) {
                sink += sampler.forward(inputs[(int) (b % INPUT_BLOCKS)])[0];
            }
            return nothing(sink);
        }).count();
    }

    /** The draws and the decoding alone: every block's input drawn, its choices drawn and its rows decoded. */
    public static void decode(SparkSession spark, GanModel model, long rows, int partitions) {
        tasks(spark, model, rows, partitions, (sampler, p, n) -> {
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

    /**
     * Spark writing decoded rows alone, prepared: each task's first {@link #POOL_BLOCKS} blocks (the
     * rows {@code generate} makes there) decoded and cached in executor memory, untimed. Time
     * {@link DecodedPools#write}; close to free the memory.
     */
    public static DecodedPools decodedPools(SparkSession spark, GanModel model, long rows, int partitions) {
        JavaRDD<List<GenericInternalRow>> pools = tasks(spark, model, rows, partitions, (sampler, p, n) -> {
            long first = SyntheticGenerator.rangeStart(rows, partitions, p) / BLOCK_ROWS;
            List<GenericInternalRow> pool = new ArrayList<>();
            for (long b = 0; b < Math.min(POOL_BLOCKS, blocks(n)); b++) {
                pool.addAll(sampler.unconditioned(1, first + b, (first + b) * BLOCK_ROWS));
            }
            return List.of(pool).iterator();
        });
        pools.persist(StorageLevel.MEMORY_ONLY());
        pools.count();
        return new DecodedPools(spark, model, rows, partitions, pools);
    }

    /** Each task's pool of decoded rows, cached; {@link #write} writes each task's share of rows from it. */
    public static final class DecodedPools implements AutoCloseable {
        private final SparkSession spark;
        private final GanModel model;
        private final long rows;
        private final int partitions;
        private final JavaRDD<List<GenericInternalRow>> pools;

        private DecodedPools(SparkSession spark, GanModel model, long rows, int partitions,
                             JavaRDD<List<GenericInternalRow>> pools) {
            this.spark = spark;
            this.model = model;
            this.rows = rows;
            this.partitions = partitions;
            this.pools = pools;
        }

        /** Writes every task's rows, cycling through its pool, through the generator's projection and Parquet writer. */
        public void write(String path) {
            long all = rows;
            int parts = partitions;
            JavaRDD<InternalRow> out = pools.mapPartitionsWithIndex((p, it) -> {
                List<GenericInternalRow> pool = it.hasNext() ? it.next() : List.of();
                long n = SyntheticGenerator.rangeStart(all, parts, p + 1) - SyntheticGenerator.rangeStart(all, parts, p);
                return cycle(pool, n);
            }, true);
            ParquetSink.write(SyntheticGenerator.output(model, InternalRows.frame(spark, out,
                    model.transform().decodedSchema())), path);
        }

        @Override
        public void close() {
            pools.unpersist(false);
        }

        /** {@code n} rows from {@code pool}, over and over (static: an iterator made here holds nothing else). */
        private static Iterator<InternalRow> cycle(List<GenericInternalRow> pool, long n) {
            return new Iterator<>() {
                private long next;

                @Override
                public boolean hasNext() {
                    return next < n && !pool.isEmpty();
                }

                @Override
                public InternalRow next() {
                    return pool.get((int) (next++ % pool.size()));
                }
            };
        }
    }

    private static <T> JavaRDD<T> tasks(SparkSession spark, GanModel model, long rows, int partitions,
                                         Stage<T> stage) {
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
            return stage.run(new BlockSampler(shared.value()), p, n);
        });
    }

    private static long blocks(long rows) {
        return (rows + BlockSampler.BLOCK - 1) / BlockSampler.BLOCK;
    }

    /** No rows; {@code sink} is kept only so that the JIT cannot drop the work that made it. */
    private static <T> Iterator<T> nothing(double sink) {
        blackhole = sink;
        return Collections.emptyIterator();
    }
}
