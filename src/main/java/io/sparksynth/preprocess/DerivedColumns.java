package io.sparksynth.preprocess;

import io.sparksynth.data.DependencyScan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Categorical columns that are an exact function of another categorical column (Adult's
 * {@code education-num} of {@code education}, a country name of its code) are derived rather than
 * learned: the generator learns the source only, and decoding looks the target up in the real
 * mapping. A GAN that learns both gets most rows consistent and some not, and a detector finds
 * the inconsistent pairs at once; derived, every synthetic row holds the real relation.
 * <p>
 * A dependency is used only when it is well supported: the source has at most
 * {@code rows / minRowsPerValue} values (null counted as one), so the relation is a property of the
 * table and not of a near-unique key, where looking up the target would copy real rows. Among
 * columns that determine each other, the one with more values is learned (ties: the first in the
 * table); a chain (C of B of A) derives both from the learned source.
 */
public final class DerivedColumns {
    private DerivedColumns() {
    }

    /**
     * Marks the derived columns among {@code columns} (fitted transforms of {@code data}'s columns,
     * in order) and records their mappings.
     */
    public static void find(Dataset<Row> data, List<ColumnTransform> columns, long rows,
                                    int minRowsPerValue) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            // fresh "other" values have no real spelling to map from or to; identifiers are not categorical
            if (columns.get(i).spec.categorical() && !columns.get(i).freshOther()) {
                candidates.add(i);
            }
        }
        int maxValues = (int) Math.min(DependencyScan.MAX_SOURCE_VALUES, rows / minRowsPerValue);
        if (candidates.size() < 2 || maxValues < 2) {
            return;
        }
        List<String> names = candidates.stream().map(i -> columns.get(i).spec.name()).toList();
        DependencyScan scan = DependencyScan.of(data, names, maxValues);

        // more values first: a function never has more values than its source
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < candidates.size(); j++) {
            order.add(j);
        }
        order.sort(Comparator.comparingInt((Integer j) -> -distinct(columns.get(candidates.get(j))))
                .thenComparingInt(j -> j));
        List<Integer> learned = new ArrayList<>();
        for (int t : order) {
            ColumnTransform target = columns.get(candidates.get(t));
            Integer source = learned.stream().filter(s -> scan.depends(s, t)).findFirst().orElse(null);
            if (source == null || distinct(target) < 2) {
                learned.add(t);
                continue;
            }
            derive(target, columns.get(candidates.get(source)), scan.values(source), t);
        }
    }

    /** The values the column holds, null counted as one. */
    private static int distinct(ColumnTransform c) {
        return c.categories.size() + c.otherValues.size() + (c.nullShare > 0 ? 1 : 0);
    }

    private static void derive(ColumnTransform target, ColumnTransform source, Map<String, String[]> rows, int t) {
        target.derivedFrom = source.spec.name();
        target.derivedKeys = new ArrayList<>();
        target.derivedValues = new ArrayList<>();
        rows.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            target.derivedKeys.add(spelling(e.getKey()));
            target.derivedValues.add(spelling(e.getValue()[t]));
        });
    }

    private static String spelling(String scanned) {
        return DependencyScan.NULL.equals(scanned) ? null : scanned;
    }
}
