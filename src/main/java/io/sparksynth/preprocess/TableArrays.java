package io.sparksynth.preprocess;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Primitive copies of a column's quantile tables, for the searches decoding makes per value: a
 * binary search over boxed {@code Double}s costs several times one over a {@code double[]}. A
 * copy is keyed by the list object; the tables are replaced, never edited, so a replaced table
 * (the calibration's) gets a fresh copy. Shared by the tasks of an executor: the map is swapped
 * whole, never changed in place, so a reader sees a complete one.
 */
final class TableArrays {
    private volatile Map<List<Double>, double[]> copies;

    double[] of(List<Double> table) {
        Map<List<Double>, double[]> current = copies;
        double[] a = current == null ? null : current.get(table);
        if (a == null) {
            a = Quantiles.values(table);
            Map<List<Double>, double[]> next = current == null ? new IdentityHashMap<>() : new IdentityHashMap<>(current);
            next.put(table, a);
            copies = next;
        }
        return a;
    }
}
