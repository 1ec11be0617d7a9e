package io.sparksynth.model;

import io.sparksynth.preprocess.Block;
import io.sparksynth.preprocess.TableTransform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The conditional vector of CTGAN's training-by-sampling: per generated row, one categorical
 * column is picked uniformly and one of its values (by log-frequency when training, so rare
 * categories are seen; by real frequency when generating, so marginals are kept). The vector is
 * the one-hot of that value within the concatenated categorical choice blocks.
 */
public final class ConditionSampler implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Block> blocks;
    /** where each condition column's one-hot starts in the conditional vector */
    private final int[] condOffsets;
    private final int dim;
    private final double[][] logFrequency;
    private final double[][] frequency;

    public ConditionSampler(TableTransform transform, boolean enabled) {
        this.blocks = enabled ? transform.conditionBlocks() : List.of();
        this.condOffsets = new int[blocks.size()];
        this.logFrequency = new double[blocks.size()][];
        this.frequency = new double[blocks.size()][];
        int d = 0;
        for (int j = 0; j < blocks.size(); j++) {
            condOffsets[j] = d;
            d += blocks.get(j).width();
            double[] shares = transform.columns.get(blocks.get(j).column()).choiceShares();
            frequency[j] = shares;
            logFrequency[j] = new double[shares.length];
            for (int k = 0; k < shares.length; k++) {
                // counts per million rows keep log(1 + n) meaningful for any table size
                logFrequency[j][k] = Math.log1p(shares[k] * 1e6);
            }
        }
        this.dim = d;
    }

    public int dim() {
        return dim;
    }

    public int columns() {
        return blocks.size();
    }

    public List<Block> blocks() {
        return blocks;
    }

    /**
     * Fills {@code cond} [rows x dim] and the chosen (column, slot) per row.
     *
     * @param available optional mask [column][slot] of slots that have rows (training); null = all
     */
    public void sample(int rows, boolean training, boolean[][] available, RandomGenerator rng, float[] cond,
                       int[] column, int[] slot) {
        for (int i = 0; i < rows; i++) {
            int j = rng.nextInt(blocks.size());
            double[] p = training ? logFrequency[j] : frequency[j];
            int k = draw(p, available == null ? null : available[j], rng);
            column[i] = j;
            slot[i] = k;
            cond[i * dim + condOffsets[j] + k] = 1f;
        }
    }

    private static int draw(double[] p, boolean[] allowed, RandomGenerator rng) {
        double total = 0;
        for (int k = 0; k < p.length; k++) {
            if (allowed == null || allowed[k]) {
                total += p[k];
            }
        }
        double u = rng.nextDouble() * total;
        int last = 0;
        for (int k = 0; k < p.length; k++) {
            if (allowed == null || allowed[k]) {
                last = k;
                u -= p[k];
                if (u < 0) {
                    return k;
                }
            }
        }
        return last;
    }

    /** For each condition column and slot, the indices of the rows (of a row-major block) holding it. */
    public List<List<int[]>> index(float[] rows, int count, int width) {
        List<List<int[]>> out = new ArrayList<>();
        for (Block b : blocks) {
            List<List<Integer>> bySlot = new ArrayList<>();
            for (int k = 0; k < b.width(); k++) {
                bySlot.add(new ArrayList<>());
            }
            for (int r = 0; r < count; r++) {
                int base = r * width + b.offset();
                for (int k = 0; k < b.width(); k++) {
                    if (rows[base + k] == 1f) {
                        bySlot.get(k).add(r);
                        break;
                    }
                }
            }
            List<int[]> arrays = new ArrayList<>();
            for (List<Integer> l : bySlot) {
                arrays.add(l.stream().mapToInt(Integer::intValue).toArray());
            }
            out.add(arrays);
        }
        return out;
    }
}
