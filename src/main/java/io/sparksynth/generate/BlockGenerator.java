package io.sparksynth.generate;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Generates the rows of one global row range, block by block. Each group of the plan numbers its
 * rows from 0 and produces them in fixed blocks of {@link BlockSampler#BLOCK} rows, each from its
 * own seeds, and always makes whole blocks: so global row i is the same whatever range (partition)
 * asks for it. Only one block is in memory at a time. Rows are Spark's internal rows, which the
 * Parquet writer takes without converting each value again.
 */
final class BlockGenerator implements Iterator<InternalRow> {
    private final BlockSampler sampler;
    private final GenerationPlan plan;
    private final long seed;
    private final long end;
    private long next;
    private List<GenericInternalRow> block = List.of();
    private int blockGroup = -1;
    private long blockStart = -1;

    BlockGenerator(GeneratorSpec spec, GenerationPlan plan, long seed, long start, long end) {
        this.sampler = new BlockSampler(spec);
        this.plan = plan;
        this.seed = seed;
        this.next = start;
        this.end = end;
    }

    @Override
    public boolean hasNext() {
        return next < end;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int g = plan.groupOf(next);
        long local = next++ - plan.start(g);
        long b = local / BlockSampler.BLOCK;
        if (g != blockGroup || b * BlockSampler.BLOCK != blockStart) {
            blockGroup = g;
            blockStart = b * BlockSampler.BLOCK;
            block = plan.block(sampler, g, seed, b);
        }
        return block.get((int) (local - blockStart));
    }
}
