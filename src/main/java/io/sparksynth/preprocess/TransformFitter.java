package io.sparksynth.preprocess;

import io.sparksynth.SynthException;
import io.sparksynth.config.TransformOptions;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;

/**
 * Fits the table transform with distributed Spark SQL passes: one aggregation for counts and
 * ranges, one grouped count for point masses and one for category frequencies, and (for
 * mode-specific normalisation) a bounded deterministic sample. No raw rows reach the driver
 * beyond that sample.
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
        Map<Integer, List<Row>> frequent = frequentValues(data, specs, options, stats);
        Map<Integer, double[]> sample = options.continuous() == TransformOptions.Normalization.MODE_SPECIFIC
                ? FitSample.continuousValues(data, specs, options.fitSampleRows(), stats.rows, seed) : Map.of();

        List<ColumnTransform> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec s = specs.get(i);
            long nonNull = stats.nonNull[i];
            ColumnTransform t = new ColumnTransform();
            t.spec = new ColumnSpec(s.name(), s.sparkType(), s.kind(), nonNull < stats.rows);
            t.nullShare = 1.0 - (double) nonNull / stats.rows;
            if (nonNull == 0) {
                throw SynthException.input("column " + s.name() + " holds only nulls: exclude it (schema.exclude)");
            }
            List<Row> values = frequent.getOrDefault(i, List.of());
            if (s.kind() == ColumnKind.CONTINUOUS) {
                fitContinuous(t, stats, i, values, sample.get(i), options);
            } else {
                fitCategorical(t, values, nonNull, options);
            }
            out.add(t);
        }
        return new TableTransform(out);
    }

    private static void fitContinuous(ColumnTransform t, Stats stats, int i, List<Row> pointMasses,
                                      double[] sample, TransformOptions options) {
        long nonNull = stats.nonNull[i];
        t.min = stats.min[i];
        t.max = stats.max[i];
        double pointShare = 0;
        List<Double> points = new ArrayList<>();
        for (Row r : pointMasses) {
            double share = (double) r.getLong(2) / nonNull;
            if (share >= options.pointMassMinShare()) {
                double v = Double.parseDouble(r.getString(1));
                t.components.add(Component.point(v, share));
                points.add(v);
                pointShare += share;
            }
        }
        double rangeShare = 1 - pointShare;
        if (rangeShare <= 1e-12) {
            return;
        }
        switch (options.continuous()) {
            case MINMAX -> t.components.add(Component.range((t.min + t.max) / 2, (t.max - t.min) / 2, rangeShare));
            case STANDARD -> t.components.add(Component.range(stats.mean[i], 4 * stats.std[i], rangeShare));
            case MODE_SPECIFIC -> {
                double[] rest = sample == null ? new double[0]
                        : java.util.Arrays.stream(sample).filter(v -> !points.contains(v)).toArray();
                if (rest.length < 2) {
                    t.components.add(Component.range((t.min + t.max) / 2, (t.max - t.min) / 2, rangeShare));
                } else {
                    t.components.addAll(MixtureFitter.fit(rest, options.maxModes(), rangeShare));
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void fitCategorical(ColumnTransform t, List<Row> counts, long nonNull, TransformOptions options) {
        // counts are ordered by frequency, then value: the order is part of the model, keep it stable
        for (Row r : counts) {
            double share = (double) r.getLong(2) / nonNull;
            if (t.categories.size() < options.maxCategories()) {
                t.categories.add(r.getString(1));
                t.categoryShares.add(share);
            } else if (t.otherValues.size() < MAX_OTHER_VALUES) {
                t.otherValues.add(r.getString(1));
                t.otherWeights.add(share);
            }
        }
        double listed = t.categoryShares.stream().mapToDouble(Double::doubleValue).sum();
        t.otherShare = Math.max(0, 1 - listed);
    }

    /**
     * One grouped count over all columns at once: (column index, value as string, count), the
     * most frequent values per column first, bounded per column.
     */
    private static Map<Integer, List<Row>> frequentValues(Dataset<Row> data, List<ColumnSpec> specs,
                                                          TransformOptions options, Stats stats) {
        List<Column> pairs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ColumnSpec s = specs.get(i);
            boolean wanted = s.kind() == ColumnKind.CATEGORICAL || options.pointMassMinShare() > 0;
            if (wanted) {
                Column v = col(quote(s.name()));
                if (s.kind() == ColumnKind.CONTINUOUS) {
                    v = v.cast("double");
                }
                pairs.add(struct(lit(i).as("i"), v.cast("string").as("v")));
            }
        }
        Map<Integer, List<Row>> out = new HashMap<>();
        if (pairs.isEmpty()) {
            return out;
        }
        int limit = options.maxCategories() + MAX_OTHER_VALUES;
        Dataset<Row> counted = data.select(explode(array(pairs.toArray(new Column[0]))).as("p"))
                .select(col("p.i").as("i"), col("p.v").as("v"))
                .where(col("v").isNotNull())
                .groupBy("i", "v").agg(count(lit(1)).as("n"));
        Dataset<Row> top = counted
                .withColumn("rank", row_number().over(Window.partitionBy("i").orderBy(desc("n"), col("v"))))
                .where(col("rank").leq(limit))
                .orderBy(col("i"), col("rank"));
        for (Row r : top.collectAsList()) {
            int i = r.getInt(0);
            // continuous columns keep only candidate point masses
            if (specs.get(i).kind() == ColumnKind.CONTINUOUS
                    && r.getLong(2) < options.pointMassMinShare() * stats.nonNull[i]) {
                continue;
            }
            out.computeIfAbsent(i, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Row count and per-column non-null counts and moments, from one aggregation. */
    static final class Stats {
        long rows;
        long[] nonNull;
        double[] min;
        double[] max;
        double[] mean;
        double[] std;

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
                    aggs.add(avg(d));
                    aggs.add(stddev_samp(d));
                }
            }
            Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
            Stats st = new Stats();
            int n = specs.size();
            st.rows = r.getLong(0);
            st.nonNull = new long[n];
            st.min = new double[n];
            st.max = new double[n];
            st.mean = new double[n];
            st.std = new double[n];
            int k = 1;
            for (int i = 0; i < n; i++) {
                st.nonNull[i] = r.getLong(k++);
                if (specs.get(i).kind() == ColumnKind.CONTINUOUS) {
                    st.min[i] = r.isNullAt(k) ? 0 : r.getDouble(k);
                    k++;
                    st.max[i] = r.isNullAt(k) ? 0 : r.getDouble(k);
                    k++;
                    st.mean[i] = r.isNullAt(k) ? 0 : r.getDouble(k);
                    k++;
                    st.std[i] = r.isNullAt(k) ? 0 : r.getDouble(k);
                    k++;
                }
            }
            return st;
        }
    }
}
