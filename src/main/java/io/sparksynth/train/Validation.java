package io.sparksynth.train;

import io.sparksynth.model.Floats;
import io.sparksynth.model.GeneratorNetwork;
import io.sparksynth.model.Seeds;
import io.sparksynth.preprocess.TableTransform;
import org.apache.spark.api.java.JavaRDD;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores the generator during training ({@link ValidationScore}) against a bounded sample of the
 * training rows: every k-th encoded row of each partition, partitions in order, so the same rows
 * for the same data, seed and worker count. Every check generates from the same draws (noise and
 * conditions, from seeds of their own): the checks then differ only by the generator, so the best
 * score is not partly the luck of one epoch's draws (common random numbers).
 */
final class Validation {
    private final ValidationScore score;
    private final int rows;
    private final int every;
    private final long seed;
    private GeneratorNetwork generator;

    private Validation(ValidationScore score, int rows, int every, long seed) {
        this.score = score;
        this.rows = rows;
        this.every = every;
        this.seed = seed;
    }

    /**
     * @param encoded    the encoded training rows, partitioned as training sees them
     * @param total      their number
     * @param sampleRows the most real rows to compare with, and the rows generated per check
     * @param every      epochs between checks
     */
    static Validation of(JavaRDD<float[]> encoded, long total, TableTransform transform, int sampleRows, int every,
                         long seed) {
        long k = Math.max(1, (total + sampleRows - 1) / sampleRows);
        List<float[]> sample = new ArrayList<>(encoded.mapPartitions(it -> {
            List<float[]> kept = new ArrayList<>();
            for (long i = 0; it.hasNext(); i++) {
                float[] row = it.next();
                if (i % k == 0) {
                    kept.add(row);
                }
            }
            return kept.iterator();
        }).collect());
        int width = transform.width();
        int n = Math.min(sample.size(), sampleRows);
        float[] real = new float[n * width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(sample.get(r), 0, real, r * width, width);
        }
        return new Validation(new ValidationScore(transform, real, n), Math.max(n, 1), every, seed);
    }

    boolean due(int epoch, int lastEpoch) {
        return epoch % every == 0 || epoch == lastEpoch;
    }

    /** The score of rows generated with {@code params} (the generator's parameters to be saved). */
    double score(TrainingSpec spec, float[] params) {
        if (generator == null) {
            generator = spec.newGenerator();
        }
        generator.setParams(Floats.matrix(params, 1, params.length));
        float[] generated = spec.layout().sampleRows(generator, rows, Seeds.random(seed, 0x7A11D));
        return score.score(generated, rows);
    }
}
