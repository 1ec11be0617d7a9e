package io.sparksynth.generate;

import io.sparksynth.model.GanLayout;
import io.sparksynth.model.GanModel;
import io.sparksynth.model.GeneratorNetwork;
import io.sparksynth.model.Seeds;
import io.sparksynth.preprocess.TableTransform;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes the rows of one block from its seed. Everything random in a block (conditions, noise,
 * Gumbel draws, "other" spellings) comes from generators seeded by (seed, block[, attempt]), so a
 * block is the same wherever and whenever it is made.
 */
final class BlockSampler {
    static final int BLOCK = 1024;

    private final GeneratorSpec spec;
    private final GeneratorNetwork generator;

    BlockSampler(GeneratorSpec spec) {
        this.spec = spec;
        this.generator = GanModel.generatorFromBytes(spec.generator(), spec.layout());
    }

    /** The rows of a block and how many candidate rows were looked at to find them. */
    record Filled(List<Row> rows, long candidates) {
        boolean full() {
            return rows.size() == BLOCK;
        }
    }

    /** Block {@code b} without conditions: each row's condition drawn by real frequency, as training saw them. */
    List<Row> unconditioned(long seed, long b) {
        SplittableRandom rng = Seeds.random(seed, b);
        float[] encoded = unconditionedEncoded(rng);
        TableTransform transform = spec.transform();
        List<Row> rows = new ArrayList<>(BLOCK);
        for (int i = 0; i < BLOCK; i++) {
            rows.add(transform.decode(encoded, i * transform.width(), rng));
        }
        return rows;
    }

    /** One block of encoded rows (one-hot choices drawn), each row's condition drawn by real frequency. */
    float[] unconditionedEncoded(SplittableRandom rng) {
        return spec.layout().sampleRows(generator, BLOCK, rng);
    }

    /**
     * Block {@code b} of a conditioned group: candidate blocks, each from its own seed
     * (group seed, b, attempt), are steered and filtered by the conditions until {@link #BLOCK}
     * rows are accepted or {@code maxAttempts} candidate blocks are spent. Acceptance is decided
     * row by row in a fixed order, so the block is a function of its seeds alone.
     */
    Filled conditioned(Conditions conditions, long seed, long b, int maxAttempts) {
        long base = conditions.seed(seed);
        float[] cond = conditions.vector(BLOCK, spec.layout().conditionWidth());
        TableTransform transform = spec.transform();
        int width = transform.width();
        List<Row> rows = new ArrayList<>(BLOCK);
        long candidates = 0;
        for (int attempt = 0; attempt < maxAttempts && rows.size() < BLOCK; attempt++) {
            SplittableRandom rng = Seeds.random(base, b, attempt);
            float[] encoded = encodedRows(cond, rng);
            for (int i = 0; i < BLOCK && rows.size() < BLOCK; i++) {
                candidates++;
                if (conditions.imposeAndAccept(encoded, i, width)) {
                    rows.add(conditions.fix(transform.decode(encoded, i * width, rng)));
                }
            }
        }
        return new Filled(rows, candidates);
    }

    /** One block of encoded rows (one-hot choices drawn) for the given conditional vector. */
    private float[] encodedRows(float[] cond, SplittableRandom rng) {
        GanLayout layout = spec.layout();
        float[] input = layout.generatorInput(BLOCK, cond, rng);
        return layout.activation().sample(generator.forward(input, BLOCK, false), BLOCK, rng);
    }
}
