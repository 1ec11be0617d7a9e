package io.sparksynth.generate;

import io.sparksynth.model.GanModel;
import io.sparksynth.model.Seeds;
import io.sparksynth.preprocess.Block;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.Quantiles;
import io.sparksynth.preprocess.TableTransform;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Matches a trained model's marginals to the real ones, the part of fidelity a GAN gets only
 * approximately (rare categories, null and point-mass shares, tails, top-coded values). Two
 * monotone corrections, stored in the transform and applied on every generated row:
 * <ul>
 *   <li>each one-hot choice (category, "other", mode or point mass, null) gets a logit offset,
 *       adjusted over a few rounds until the generated shares match the real training shares
 *       (exact counts from one pass over the real rows);</li>
 *   <li>each continuous column's generated values are mapped rank for rank onto the real
 *       quantiles ({@code marginal^-1(generated(x))}).</li>
 * </ul>
 * Both keep which rows are high or low in each column, so the relations between columns that the
 * generator learned stay as they were. Measured on a fixed number of rows generated on the driver
 * from seeds of their own: the same model and seed give the same calibration whatever the
 * partitioning.
 */
public final class MarginalCalibrator {
    static final int ROUNDS = 3;
    private static final double MAX_BIAS = 10;

    private MarginalCalibrator() {
    }

    /**
     * Calibrates {@code model}'s transform in place.
     *
     * @param clean the real training rows, cleaned, fields in the transform's column order
     * @return a line for the log: what was corrected and how much
     */
    public static String calibrate(GanModel model, Dataset<Row> clean, int rows, long seed) {
        TableTransform transform = model.transform();
        for (ColumnTransform c : transform.columns) {
            c.choiceBias = new ArrayList<>();
            c.generated = new ArrayList<>();
        }
        List<Block> choices = transform.blocks().stream().filter(Block::softmax).toList();
        int blocks = (rows + BlockSampler.BLOCK - 1) / BlockSampler.BLOCK;
        double[] real = realShares(transform, choices, clean);
        double first = Double.NaN;
        double gap = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            BlockSampler sampler = new BlockSampler(GeneratorSpec.of(model));
            long[] counts = new long[transform.width()];
            List<List<Double>> values = round == ROUNDS ? continuousLists(transform) : null;
            for (int b = 0; b < blocks; b++) {
                SplittableRandom rng = Seeds.random(seed, 0xCA11B, round, b);
                float[] encoded = sampler.unconditionedEncoded(rng);
                count(encoded, BlockSampler.BLOCK, choices, transform.width(), counts);
                if (values != null) {
                    collect(transform, encoded, values);
                }
            }
            long n = (long) blocks * BlockSampler.BLOCK;
            gap = largestGap(choices, real, counts, n);
            first = round == 0 ? gap : first;
            if (round < ROUNDS) {
                adjust(transform, choices, real, counts, n);
            } else {
                mapContinuous(transform, values);
            }
        }
        List<String> mapped = transform.columns.stream().filter(ColumnTransform::calibrated)
                .map(c -> c.spec.name()).toList();
        return String.format("calibrated marginals on %,d generated rows: largest gap between a generated and the "
                + "real share of a category, mode or null %.3f -> %.3f; continuous columns mapped onto their real "
                + "quantiles: %s", (long) blocks * BlockSampler.BLOCK, first, gap, mapped.isEmpty() ? "none" : mapped);
    }

    /** The real share of every one-hot position (0 elsewhere), from exact counts over the training rows. */
    private static double[] realShares(TableTransform transform, List<Block> choices, Dataset<Row> clean) {
        int width = transform.width();
        long[] total = clean.javaRDD().mapPartitions(it -> {
            long[] c = new long[width + 1];
            while (it.hasNext()) {
                count(transform.encode(it.next()), 1, choices, width, c);
                c[width]++;
            }
            return Collections.singletonList(c).iterator();
        }).reduce(MarginalCalibrator::add); // integer sums: the same in any order
        double[] shares = new double[width];
        for (int k = 0; k < width; k++) {
            shares[k] = total[width] == 0 ? 0 : (double) total[k] / total[width];
        }
        return shares;
    }

    private static long[] add(long[] a, long[] b) {
        long[] s = a.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] += b[i];
        }
        return s;
    }

    /** Adds the one-hot positions of {@code rows} encoded rows to {@code counts} (by position in the row). */
    private static void count(float[] encoded, int rows, List<Block> choices, int width, long[] counts) {
        for (int r = 0; r < rows; r++) {
            for (Block b : choices) {
                int o = r * width + b.offset();
                for (int k = 0; k < b.width(); k++) {
                    if (encoded[o + k] == 1f) {
                        counts[b.offset() + k]++;
                    }
                }
            }
        }
    }

    private static double largestGap(List<Block> choices, double[] real, long[] counts, long n) {
        double gap = 0;
        for (Block b : choices) {
            for (int k = b.offset(); k < b.offset() + b.width(); k++) {
                gap = Math.max(gap, Math.abs((double) counts[k] / n - real[k]));
            }
        }
        return gap;
    }

    /** One multiplicative step towards the real shares: the logit moves by log(real / generated). */
    private static void adjust(TableTransform transform, List<Block> choices, double[] real, long[] counts, long n) {
        double eps = 0.5 / n;
        for (Block b : choices) {
            ColumnTransform c = transform.columns.get(b.column());
            List<Double> bias = new ArrayList<>(c.choiceBias.isEmpty()
                    ? Collections.nCopies(b.width(), 0.0) : c.choiceBias);
            for (int k = 0; k < b.width(); k++) {
                double step = Math.log((real[b.offset() + k] + eps) / ((double) counts[b.offset() + k] / n + eps));
                bias.set(k, Math.max(-MAX_BIAS, Math.min(MAX_BIAS, bias.get(k) + step)));
            }
            c.choiceBias = bias;
        }
    }

    private static List<List<Double>> continuousLists(TableTransform transform) {
        List<List<Double>> lists = new ArrayList<>();
        for (ColumnTransform c : transform.columns) {
            lists.add(c.continuous() && !c.marginal.isEmpty() ? new ArrayList<>() : null);
        }
        return lists;
    }

    /** The generated, not yet calibrated, non-null values of the continuous columns. */
    private static void collect(TableTransform transform, float[] encoded, List<List<Double>> values) {
        int width = transform.width();
        for (int r = 0; r < BlockSampler.BLOCK; r++) {
            int o = r * width;
            for (int i = 0; i < transform.columns.size(); i++) {
                ColumnTransform c = transform.columns.get(i);
                if (values.get(i) != null) {
                    Double v = c.uncalibrated(encoded, o);
                    if (v != null) {
                        values.get(i).add(v);
                    }
                }
                o += c.width();
            }
        }
    }

    private static void mapContinuous(TableTransform transform, List<List<Double>> values) {
        for (int i = 0; i < transform.columns.size(); i++) {
            List<Double> v = values.get(i);
            if (v == null || v.size() < 2) {
                continue;
            }
            double[] sorted = v.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            transform.columns.get(i).generated = Quantiles.fromSorted(sorted, sorted[0], sorted[sorted.length - 1]);
        }
    }
}
