package io.sparksynth.generate;

import io.sparksynth.model.GanLayout;
import io.sparksynth.model.GanModel;
import io.sparksynth.model.GeneratorNetwork;
import io.sparksynth.model.Seeds;
import io.sparksynth.preprocess.RowDecoder;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the rows of one block from its seed. Everything random in a block (conditions, noise,
 * Gumbel draws, "other" spellings) comes from generators seeded by (seed, block[, attempt]), so a
 * block is the same wherever and whenever it is made. A block goes through three stages, which
 * the bench also times one by one ({@link GenerationStages}): the generator's input (conditions
 * and noise drawn), the forward pass, and the finish (one-hot choices drawn, rows decoded into
 * Spark's internal rows).
 */
final class BlockSampler {
    static final int BLOCK = 1024;

    private final GeneratorSpec spec;
    private final GeneratorNetwork generator;
    private final RowDecoder decoder;

    BlockSampler(GeneratorSpec spec) {
        this.spec = spec;
        this.generator = GanModel.generatorFromBytes(spec.generator(), spec.layout());
        generator.useInferenceWorkspaces();
        this.decoder = new RowDecoder(spec.transform());
    }

    /** The rows of a block and how many candidate rows were looked at to find them. */
    record Filled(List<GenericInternalRow> rows, long candidates) {
        boolean full() {
            return rows.size() == BLOCK;
        }
    }

    /** Block {@code b} without conditions: each row's condition drawn by real frequency, as training saw them. */
    List<GenericInternalRow> unconditioned(long seed, long b, long firstRow) {
        SplittableRandom rng = Seeds.random(seed, b);
        return finish(forward(input(rng)), rng, firstRow);
    }

    /** One block of encoded rows (one-hot choices drawn), each row's condition drawn by real frequency. */
    float[] unconditionedEncoded(SplittableRandom rng) {
        return spec.layout().sampleRows(generator, BLOCK, rng);
    }

    /** Stage 1 without conditions: each row's condition drawn by real frequency, then its noise. */
    float[] input(SplittableRandom rng) {
        GanLayout layout = spec.layout();
        return layout.generatorInput(BLOCK, layout.sampledConditions(BLOCK, rng), rng);
    }

    /** Stage 2: the generator's raw outputs for a block's input. */
    float[] forward(float[] input) {
        return generator.forward(input, BLOCK, false);
    }

    /**
     * Stage 3 without conditions: one-hot choices drawn, then every row decoded, in row order; the
     * block's rows are global rows {@code firstRow, firstRow + 1, ...} (what identifiers are made from).
     */
    List<GenericInternalRow> finish(float[] raw, SplittableRandom rng, long firstRow) {
        float[] encoded = spec.layout().activation().sample(raw, BLOCK, rng);
        int width = spec.transform().width();
        List<GenericInternalRow> rows = new ArrayList<>(BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            rows.add(decoder.decode(encoded, i * width, rng, firstRow + i));
        }
        return rows;
    }

    /**
     * Block {@code b} of a conditioned group: candidate blocks, each from its own seed
     * (group seed, b, attempt), are steered and filtered by the conditions until {@link #BLOCK}
     * rows are accepted or {@code maxAttempts} candidate blocks are spent. Acceptance is decided
     * row by row in a fixed order, so the block is a function of its seeds alone.
     */
    Filled conditioned(Conditions conditions, long seed, long b, int maxAttempts, long firstRow) {
        long base = conditions.seed(seed);
        GanLayout layout = spec.layout();
        float[] cond = conditions.vector(BLOCK, layout.conditionWidth());
        int width = spec.transform().width();
        List<GenericInternalRow> rows = new ArrayList<>(BLOCK);
        long candidates = 0;
        for (int attempt = 0; attempt < maxAttempts && rows.size() < BLOCK; attempt++) {
            SplittableRandom rng = Seeds.random(base, b, attempt);
            float[] encoded = layout.activation().sample(forward(layout.generatorInput(BLOCK, cond, rng)), BLOCK, rng);
            for (int i = 0; i < BLOCK && rows.size() < BLOCK; i++) {
                candidates++;
                if (conditions.imposeAndAccept(encoded, i, width)) {
                    rows.add(conditions.fix(decoder.decode(encoded, i * width, rng, firstRow + rows.size()), decoder));
                }
            }
        }
        return new Filled(rows, candidates);
    }
}
