package io.sparksynth.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The column pairs the pair metrics count. Pairs of two continuous columns cost six sums each and
 * are always all kept (the correlation matrices and their MAD stay exact). A pair with a
 * categorical column costs a contingency table of {@code cardinality(a) x cardinality(b)} counts in
 * every task: a wide table has tens of thousands of them, so beyond {@code maxPairs} pairs or
 * {@code maxCells} counts a seeded uniform sample of them is taken, the same for both tables, and
 * the report says so.
 */
final class PairSelection implements Serializable {
    private static final long serialVersionUID = 1L;

    final int[] a;
    final int[] b;
    /** Pairs with a categorical column: how many there are, and how many are kept. */
    final int mixedTotal;
    final int mixedKept;
    final int continuousPairs;

    private PairSelection(int[] a, int[] b, int mixedTotal, int mixedKept, int continuousPairs) {
        this.a = a;
        this.b = b;
        this.mixedTotal = mixedTotal;
        this.mixedKept = mixedKept;
        this.continuousPairs = continuousPairs;
    }

    int size() {
        return a.length;
    }

    boolean sampled() {
        return mixedKept < mixedTotal;
    }

    static PairSelection choose(ColumnCoder coder, int maxPairs, long maxCells, long seed) {
        int n = coder.columns();
        List<int[]> continuous = new ArrayList<>();
        List<int[]> mixed = new ArrayList<>();
        long cells = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (coder.continuous(i) && coder.continuous(j)) {
                    continuous.add(new int[]{i, j});
                } else {
                    mixed.add(new int[]{i, j});
                    cells += cells(coder, i, j);
                }
            }
        }
        List<int[]> kept = mixed;
        if (mixed.size() > maxPairs || cells > maxCells) {
            // Fisher-Yates with a seeded generator: the same pairs for the same seed, whatever the data
            SplittableRandom rng = new SplittableRandom(seed ^ 0x5a17L);
            int[][] order = mixed.toArray(new int[0][]);
            for (int k = order.length - 1; k > 0; k--) {
                int r = rng.nextInt(k + 1);
                int[] t = order[k];
                order[k] = order[r];
                order[r] = t;
            }
            kept = new ArrayList<>();
            long used = 0;
            for (int[] p : order) {
                long c = cells(coder, p[0], p[1]);
                if (kept.size() < maxPairs && used + c <= maxCells) {
                    kept.add(p);
                    used += c;
                }
            }
        }
        List<int[]> all = new ArrayList<>(continuous);
        all.addAll(kept);
        all.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
        int[] a = new int[all.size()];
        int[] b = new int[all.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = all.get(k)[0];
            b[k] = all.get(k)[1];
        }
        return new PairSelection(a, b, mixed.size(), kept.size(), continuous.size());
    }

    private static long cells(ColumnCoder coder, int i, int j) {
        return (long) coder.cardinality(i) * coder.cardinality(j);
    }

    /** What the pair metrics are computed over, for the report's estimation notes. */
    String describe() {
        String cont = "all " + continuousPairs + " pairs of two continuous columns";
        if (!sampled()) {
            return cont + " and all " + mixedTotal + " pairs with a categorical column";
        }
        return cont + "; " + mixedKept + " of the " + mixedTotal + " pairs with a categorical column, sampled "
                + "uniformly with the evaluation seed (evaluate.max-pairs, at most " + PairStats.MAX_CELLS
                + " contingency counts)";
    }
}
