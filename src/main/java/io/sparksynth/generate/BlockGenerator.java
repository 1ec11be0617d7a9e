package io.sparksynth.generate;

import io.sparksynth.model.GanLayout;
import io.sparksynth.model.GanModel;
import io.sparksynth.model.Seeds;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates the rows of one global row range, block by block. Rows are produced in fixed blocks
 * of {@link #BLOCK} global row indices, each from its own seed derived from (seed, block), and
 * the network always sees full blocks: so row i is the same whatever range (partition) asks for
 * it. Only one block is in memory at a time.
 */
final class BlockGenerator implements Iterator<Row> {
    static final int BLOCK = 1024;

    private final GeneratorSpec spec;
    private final MultiLayerNetwork generator;
    private final long seed;
    private final long end;
    private long next;
    private List<Row> block = List.of();
    private long blockStart;

    BlockGenerator(GeneratorSpec spec, long seed, long start, long end) {
        this.spec = spec;
        this.generator = GanModel.fromBytes(spec.generator());
        this.seed = seed;
        this.next = start;
        this.end = end;
    }

    @Override
    public boolean hasNext() {
        return next < end;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long b = next / BLOCK;
        if (block.isEmpty() || b * BLOCK != blockStart) {
            blockStart = b * BLOCK;
            block = generateBlock(b);
        }
        return block.get((int) (next++ - blockStart));
    }

    private List<Row> generateBlock(long b) {
        SplittableRandom rng = Seeds.random(seed, b);
        GanLayout layout = spec.layout();
        int c = layout.conditionWidth();
        float[] cond = new float[BLOCK * c];
        if (c > 0) {
            layout.sampler().sample(BLOCK, false, null, rng, cond, new int[BLOCK], new int[BLOCK]);
        }
        float[] input = layout.generatorInput(BLOCK, cond, rng);
        INDArray out = generator.output(Nd4j.create(input, new long[]{BLOCK, layout.generatorInput()}, 'c'), false);
        float[] raw = out.dup('c').data().asFloat();
        int width = spec.transform().width();
        float[] encoded = layout.activation().sample(raw, BLOCK, rng);
        List<Row> rows = new ArrayList<>(BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            rows.add(spec.transform().decode(encoded, i * width, rng));
        }
        return rows;
    }
}
