package io.sparksynth.data;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.col;

/**
 * Finds the exact functional dependencies among categorical columns in one distributed pass: for
 * every ordered pair (source, target), whether each value of the source (null included) occurs with
 * a single value of the target. Each task keeps, per source, the first row seen for each of its
 * values and drops a pair at its first contradiction; a source is dropped once it has more values
 * than a dependency may be learned from, or once nothing depends on it. Partial scans merge on the
 * driver, so the result is exact and the same whatever the partitioning; memory is bounded by
 * (values kept per source) x (sources), never by the rows.
 */
public final class DependencyScan implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most values a column may have to serve as the source of derived columns (its mapping is saved). */
    public static final int MAX_SOURCE_VALUES = 2000;
    /** How a null is spelled in the scan (not a value Spark's string cast can produce). */
    public static final String NULL = "\u0000null";

    private final int maxValues;
    /** alive[s][t]: so far, target t is a function of source s */
    private final boolean[][] alive;
    /** per source: its value -> the first row (all columns' spellings) holding it; null once dropped */
    private final List<Map<String, String[]>> first = new ArrayList<>();

    private DependencyScan(int columns, int maxValues) {
        this.maxValues = maxValues;
        this.alive = new boolean[columns][columns];
        for (int s = 0; s < columns; s++) {
            for (int t = 0; t < columns; t++) {
                alive[s][t] = s != t;
            }
            first.add(new HashMap<>());
        }
    }

    /**
     * The dependencies among {@code columns} of {@code data}: the result's {@code [s][t]} tells
     * whether column t is a function of column s, for sources with at most {@code maxValues}
     * values; {@link #values(int)} gives each surviving source's mapping.
     */
    public static DependencyScan of(Dataset<Row> data, List<String> columns, int maxValues) {
        Column[] cols = columns.stream().map(c -> col(quote(c)).cast("string")).toArray(Column[]::new);
        int k = columns.size();
        return data.select(cols).javaRDD().treeAggregate(new DependencyScan(k, maxValues), (scan, row) -> {
            String[] values = new String[k];
            for (int i = 0; i < k; i++) {
                values[i] = row.isNullAt(i) ? NULL : row.getString(i);
            }
            scan.add(values);
            return scan;
        }, DependencyScan::merge);
    }

    /** Whether target t is a function of source s. */
    public boolean depends(int s, int t) {
        return alive[s][t];
    }

    /** Source s's values, each with the first row seen holding it (null when s was dropped). */
    public Map<String, String[]> values(int s) {
        return first.get(s);
    }

    private void add(String[] row) {
        for (int s = 0; s < alive.length; s++) {
            if (first.get(s) != null) {
                see(s, row[s], row);
            }
        }
    }

    private DependencyScan merge(DependencyScan other) {
        for (int s = 0; s < alive.length; s++) {
            for (int t = 0; t < alive.length; t++) {
                alive[s][t] &= other.alive[s][t];
            }
            Map<String, String[]> theirs = other.first.get(s);
            if (theirs == null) {
                drop(s);
                continue;
            }
            for (Map.Entry<String, String[]> e : theirs.entrySet()) {
                if (first.get(s) == null) {
                    break;
                }
                see(s, e.getKey(), e.getValue());
            }
        }
        return this;
    }

    /** A row holding {@code value} in source s: remembered if the value is new, else compared. */
    private void see(int s, String value, String[] row) {
        Map<String, String[]> seen = first.get(s);
        String[] earlier = seen.get(value);
        if (earlier == null) {
            seen.put(value, row);
            if (seen.size() > maxValues) {
                drop(s);
            }
        } else {
            contradict(s, earlier, row);
        }
    }

    /** Two rows with the same source value: every target on which they differ is not a function of s. */
    private void contradict(int s, String[] a, String[] b) {
        boolean any = false;
        for (int t = 0; t < alive.length; t++) {
            if (alive[s][t] && !Objects.equals(a[t], b[t])) {
                alive[s][t] = false;
            }
            any |= alive[s][t];
        }
        if (!any) {
            drop(s);
        }
    }

    private void drop(int s) {
        java.util.Arrays.fill(alive[s], false);
        first.set(s, null);
    }
}
