package io.sparksynth.preprocess;

import io.sparksynth.SynthException;
import io.sparksynth.config.TransformOptions;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.ValueCounts;
import io.sparksynth.data.VectorColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * Fits the table transform with distributed Spark SQL passes: one aggregation for counts and
 * ranges (a vector column's range over all its elements, its min-max scale), one grouped count for
 * point masses and one for category frequencies, and (for mode-specific normalisation) a bounded
 * deterministic sample. No raw rows reach the driver beyond that sample.
 */
public final class TransformFitter {
    /** Rare category spellings remembered per column to decode "other". */
    static final int MAX_OTHER_VALUES = 1000;

    private TransformFitter() {
    }

    public static TableTransform fit(Dataset<Row> data, List<ColumnSpec> specs, TransformOptions options, long seed) {
        Stats stats = Stats.compute(data, specs);
        if (stats.rows == 0) {
            throw SynthException.input("the input has no rows: nothing to learn from");
        }
        Map<Integer, List<ValueCounts.Top>> frequent = frequentValues(data, specs, options);
        // a bounded sample chosen by row-content hash: the fit is the same whatever the partitioning
        Map<Integer, double[]> sample = options.continuous() == TransformOptions.Normalization.MINMAX ? Map.of()
                : FitSample.continuousValues(data, specs, options.fitSampleRows(), stats.rows, seed);

        List<ColumnTransform> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec s = specs.get(i);
            long nonNull = stats.nonNull[i];
            ColumnTransform t = new ColumnTransform();
            t.spec = s.withNullable(nonNull < stats.rows);
            t.nullShare = 1.0 - (double) nonNull / stats.rows;
            if (nonNull == 0) {
                throw SynthException.input("column " + s.name() + " holds only nulls: exclude it (schema.exclude)");
            }
            LinkedHashMap<String, Long> values = frequent.containsKey(i) ? frequent.get(i).get(0).values()
                    : new LinkedHashMap<>();
            if (s.kind() == ColumnKind.VECTOR) {
                t.min = stats.min[i]; // one range over all elements: the column is scaled as a whole
                t.max = stats.max[i];
            } else if (s.kind() == ColumnKind.CONTINUOUS) {
                fitContinuous(t, stats, i, values, sample.get(i), options);
            } else if (s.kind() == ColumnKind.IDENTIFIER) {
                t.fresh = FreshFitter.identifier(data, s, nonNull, seed);
            } else {
                fitCategorical(t, values, nonNull, options);
                if (t.otherShare > 0 && string(s) && options.freshRareValues()) {
                    // the rare values' shape, from a bounded sample; their spellings are not kept
                    t.fresh = FreshFitter.strings(data, s.name(), t.categories, seed);
                    t.otherValues.clear();
                    t.otherWeights.clear();
                }
            }
            out.add(t);
        }
        if (options.deriveDependencies()) {
            DerivedColumns.find(data, out, stats.rows, options.dependencyMinRows());
        }
        return new TableTransform(out);
    }

    private static void fitContinuous(ColumnTransform t, Stats stats, int i, LinkedHashMap<String, Long> frequent,
                                      double[] sample, TransformOptions options) {
        long nonNull = stats.nonNull[i];
        t.min = stats.min[i];
        t.max = stats.max[i];
        double pointShare = 0;
        List<Double> points = new ArrayList<>();
        for (Map.Entry<String, Long> e : frequent.entrySet()) {
            double share = (double) e.getValue() / nonNull;
            if (options.pointMassMinShare() > 0 && share >= options.pointMassMinShare()) {
                double v = Double.parseDouble(e.getKey());
                t.components.add(Component.point(v, share));
                points.add(v);
                pointShare += share;
            }
        }
        if (sample != null && sample.length >= 2) {
            t.support = Quantiles.support(sample);
            t.marginal = Quantiles.fromSorted(sample, t.min, t.max);
        }
        double rangeShare = 1 - pointShare;
        if (rangeShare <= 1e-12) {
            return;
        }
        // sorted sample values that are not point masses
        double[] rest = sample == null ? new double[0]
                : java.util.Arrays.stream(sample).filter(v -> !points.contains(v)).toArray();
        Component minmax = Component.range((t.min + t.max) / 2, (t.max - t.min) / 2, rangeShare);
        if (rest.length < 2 || options.continuous() == TransformOptions.Normalization.MINMAX) {
            t.components.add(minmax);
            return;
        }
        switch (options.continuous()) {
            case QUANTILE -> {
                t.components.add(minmax);
                t.quantiles = Quantiles.fromSorted(rest, t.min, t.max);
            }
            case STANDARD -> {
                // 4 standard deviations, widened so that no observed value is clipped
                double mean = MixtureFitter.mean(rest);
                double sd = Math.sqrt(MixtureFitter.variance(rest));
                double scale = Math.max(4 * sd, Math.max(t.max - mean, mean - t.min));
                t.components.add(Component.range(mean, scale, rangeShare));
            }
            case MODE_SPECIFIC -> t.components.addAll(MixtureFitter.fit(rest, options.maxModes(), rangeShare));
            default -> throw new IllegalStateException();
        }
    }

    private static boolean string(ColumnSpec s) {
        return s.sparkType().equals("string");
    }

    /**
     * Kept categories: the most frequent, up to {@code transform.max-categories}, and for strings only
     * those with at least {@code transform.rare-min-count} rows (a rarer spelling can identify someone).
     */
    private static void fitCategorical(ColumnTransform t, LinkedHashMap<String, Long> counts, long nonNull,
                                       TransformOptions options) {
        long minCount = string(t.spec) ? options.rareMinCount() : 1;
        // counts are ordered by frequency, then value: the order is part of the model, keep it stable
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            double share = (double) e.getValue() / nonNull;
            if (t.categories.size() < options.maxCategories() && e.getValue() >= minCount) {
                t.categories.add(e.getKey());
                t.categoryShares.add(share);
            } else {
                t.otherValues.add(e.getKey());
                t.otherWeights.add(share);
            }
        }
        double listed = t.categoryShares.stream().mapToDouble(Double::doubleValue).sum();
        t.otherShare = Math.max(0, 1 - listed);
    }

    /** Candidate point masses of continuous columns and the value counts of categorical ones. */
    private static Map<Integer, List<ValueCounts.Top>> frequentValues(Dataset<Row> data, List<ColumnSpec> specs,
                                                                      TransformOptions options) {
        List<String> names = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec s = specs.get(i);
            if (s.kind() == ColumnKind.CATEGORICAL
                    || (s.kind() == ColumnKind.CONTINUOUS && options.pointMassMinShare() > 0)) {
                names.add(s.name());
                numeric.add(s.kind() == ColumnKind.CONTINUOUS);
                index.add(i);
            }
        }
        Map<String, ValueCounts.Top> counts = ValueCounts.of(data, names, numeric,
                options.maxCategories() + MAX_OTHER_VALUES);
        Map<Integer, List<ValueCounts.Top>> out = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            out.put(index.get(j), List.of(counts.get(names.get(j))));
        }
        return out;
    }

    /**
     * Row count, per-column non-null counts and ranges (a vector's over all its elements; exact, so
     * partitioning-independent), from one aggregation.
     */
    static final class Stats {
        long rows;
        long[] nonNull;
        double[] min;
        double[] max;

        static Stats compute(Dataset<Row> data, List<ColumnSpec> specs) {
            List<Column> aggs = new ArrayList<>();
            aggs.add(count(lit(1)));
            for (ColumnSpec s : specs) {
                Column c = col(quote(s.name()));
                aggs.add(count(c));
                if (s.kind() == ColumnKind.CONTINUOUS) {
                    Column d = c.cast("double");
                    aggs.add(min(d));
                    aggs.add(max(d));
                } else if (s.kind() == ColumnKind.VECTOR) {
                    Column e = VectorColumns.elements(s);
                    aggs.add(min(array_min(e)));
                    aggs.add(max(array_max(e)));
                }
            }
            Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
            Stats st = new Stats();
            int n = specs.size();
            st.rows = r.getLong(0);
            st.nonNull = new long[n];
            st.min = new double[n];
            st.max = new double[n];
            int k = 1;
            for (int i = 0; i < n; i++) {
                st.nonNull[i] = r.getLong(k++);
                if (specs.get(i).kind() == ColumnKind.CONTINUOUS || specs.get(i).kind() == ColumnKind.VECTOR) {
                    st.min[i] = r.isNullAt(k) ? 0 : r.getDouble(k);
                    k++;
                    st.max[i] = r.isNullAt(k) ? 0 : r.getDouble(k);
                    k++;
                }
            }
            return st;
        }
    }
}
