package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.apache.spark.sql.functions.col;

/**
 * The compared columns, in table order, with the selections every metric needs.
 *
 * @param top per categorical column, the real values the learned metrics' features keep (the rest
 *            are one "other" value, so indexers and tree bins stay bounded)
 */
record Columns(List<ColumnSpec> specs, Map<String, List<String>> top) {
    Columns {
        specs = List.copyOf(specs);
        top = Map.copyOf(top);
    }

    Columns(List<ColumnSpec> specs) {
        this(specs, Map.of());
    }

    Columns withTop(Map<String, List<String>> values) {
        return new Columns(specs, values);
    }

    /** The values column {@code i}'s feature keeps (the rest become one), or null to keep them all. */
    List<String> top(int i) {
        return top.get(name(i));
    }

    int size() {
        return specs.size();
    }

    ColumnSpec get(int i) {
        return specs.get(i);
    }

    String name(int i) {
        return specs.get(i).name();
    }

    boolean continuous(int i) {
        return specs.get(i).continuous();
    }

    boolean vector(int i) {
        return specs.get(i).vector();
    }

    int indexOf(String name) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    List<String> names() {
        return names(s -> true);
    }

    List<String> continuousNames() {
        return names(ColumnSpec::continuous);
    }

    List<String> categoricalNames() {
        return names(ColumnSpec::categorical);
    }

    /**
     * The continuous and categorical columns: what the per-value metrics (KS, TVD, pair trends,
     * correlations, plots) compare; vector columns are summarised on their own ({@link VectorScores}).
     */
    Columns tabular() {
        return new Columns(specs.stream().filter(s -> !s.vector()).toList(), top);
    }

    List<ColumnSpec> vectors() {
        return specs.stream().filter(ColumnSpec::vector).toList();
    }

    private List<String> names(Predicate<ColumnSpec> which) {
        return specs.stream().filter(which).map(ColumnSpec::name).toList();
    }

    /** The data reduced to these columns, in this order. */
    Dataset<Row> select(Dataset<Row> data) {
        return data.select(specs.stream().map(s -> col(SchemaInspector.quote(s.name()))).toArray(Column[]::new));
    }
}
