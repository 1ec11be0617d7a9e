package io.sparksynth.evaluate;

import io.sparksynth.preprocess.FitSample;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.col;

/**
 * Privacy checks against the real training rows. The exact-copy rate is a distributed null-safe
 * semi-join of all synthetic rows with the distinct training rows (vectors compared element by
 * element). Distance to closest record (standardised continuous columns, one-hot categoricals, so a
 * differing category adds 2 to the squared distance, and a vector column as the mean squared
 * difference of its {@link VectorPooling} group means in units of its element standard deviation, so
 * it weighs like one continuous column whatever its length) is exact for a bounded sample of query
 * rows (synthetic and real holdout), broadcast to the executors, while the training rows stream
 * through their partitions: a blocked nearest-neighbour search with no training row collected.
 */
final class Privacy {
    private Privacy() {
    }

    /**
     * @param train      the real training rows, the compared columns only
     * @param holdout    real rows no model saw (the distance baseline), or null
     * @param trainStats the describe rows of {@code train}: scales of the continuous columns
     */
    static Metrics.PrivacyScores evaluate(Dataset<Row> train, Dataset<Row> synthetic, Dataset<Row> holdout,
                                          Columns columns, Map<String, ColumnSummary> trainStats, int queryRows,
                                          long seed) {
        long synthRows = synthetic.count();
        double exact = synthRows == 0 ? 0.0 : (double) exactMatches(train, synthetic, columns.names()) / synthRows;
        boolean[] continuous = new boolean[columns.size()];
        double[] std = new double[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            ColumnSummary s = trainStats.get(columns.name(i));
            double sd = s instanceof ColumnSummary.Continuous c ? c.std()
                    : s instanceof ColumnSummary.Vector v ? v.std() : Double.NaN;
            continuous[i] = !(s instanceof ColumnSummary.Categorical);
            std[i] = Double.isNaN(sd) || sd == 0 ? 1 : sd;
        }
        Encoder enc = new Encoder(continuous, std);
        Column[] cols = distanceView(columns);
        Object[][] synthQ = sample(synthetic, synthRows, queryRows, cols, seed);
        Object[][] holdQ = holdout == null ? new Object[0][] : sample(holdout, holdout.count(), queryRows, cols, seed);
        double[] d = nearest(train, cols, enc, concat(synthQ, holdQ));
        double[] ds = Arrays.copyOfRange(d, 0, synthQ.length);
        double[] dh = Arrays.copyOfRange(d, synthQ.length, d.length);
        return new Metrics.PrivacyScores(exact, synthQ.length, quantile(ds, 0.05), quantile(ds, 0.5),
                dh.length > 0 ? quantile(dh, 0.05) : null, dh.length > 0 ? quantile(dh, 0.5) : null);
    }

    static long exactMatches(Dataset<Row> train, Dataset<Row> synthetic, List<String> columns) {
        Column[] cols = columns.stream().map(c -> col(quote(c))).toArray(Column[]::new);
        Dataset<Row> t = train.select(cols).distinct().alias("t");
        Dataset<Row> s = synthetic.select(cols).alias("s");
        Column cond = null;
        for (String c : columns) {
            Column eq = col("s." + quote(c)).eqNullSafe(col("t." + quote(c)));
            cond = cond == null ? eq : cond.and(eq);
        }
        return s.join(t, cond, "left_semi").count();
    }

    /** The columns as the distance sees them: vectors as their group means. */
    private static Column[] distanceView(Columns columns) {
        Column[] cols = new Column[columns.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = columns.vector(i) ? VectorPooling.of(columns.get(i)).means(columns.get(i))
                    : col(quote(columns.name(i)));
        }
        return cols;
    }

    private static Object[][] sample(Dataset<Row> data, long rows, int n, Column[] cols, long seed) {
        List<Row> rs = FitSample.byHash(data, Math.min(1.0, 1.2 * n / Math.max(rows, 1)), seed)
                .select(cols).limit(n).collectAsList();
        return rs.stream().map(Encoder::values).toArray(Object[][]::new);
    }

    private static Object[][] concat(Object[][] a, Object[][] b) {
        Object[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] nearest(Dataset<Row> train, Column[] cols, Encoder enc, Object[][] queries) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(train.sparkSession().sparkContext());
        Broadcast<Object[][]> q = jsc.broadcast(queries);
        int n = queries.length;
        double[] init = new double[n];
        Arrays.fill(init, Double.POSITIVE_INFINITY);
        double[] best = train.select(cols).javaRDD().treeAggregate(init, (acc, row) -> {
            Object[][] qs = q.value();
            Object[] r = Encoder.values(row);
            for (int i = 0; i < qs.length; i++) {
                double d = enc.squaredDistance(r, qs[i], acc[i]);
                if (d < acc[i]) {
                    acc[i] = d;
                }
            }
            return acc;
        }, (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.min(a[i], b[i]);
            }
            return a;
        });
        q.destroy();
        for (int i = 0; i < best.length; i++) {
            best[i] = Math.sqrt(best[i]);
        }
        return best;
    }

    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /**
     * Squared distance between a training row and a query row, stopping early past the current best.
     *
     * @param continuous per column: numeric (continuous, or a vector's group means) rather than categorical
     */
    record Encoder(boolean[] continuous, double[] std) implements Serializable {
        /** A row's values, a vector's group means as {@code double[]} (read once, compared with every query). */
        static Object[] values(Row row) {
            Object[] v = new Object[row.length()];
            for (int j = 0; j < v.length; j++) {
                v[j] = row.get(j) instanceof scala.collection.Seq<?> s ? doubles(s) : row.get(j);
            }
            return v;
        }

        private static double[] doubles(scala.collection.Seq<?> s) {
            double[] d = new double[s.length()];
            for (int k = 0; k < d.length; k++) {
                d[k] = ((Number) s.apply(k)).doubleValue();
            }
            return d;
        }

        double squaredDistance(Object[] row, Object[] q, double bound) {
            double d = 0;
            for (int j = 0; j < continuous.length && d < bound; j++) {
                Object a = row[j];
                Object b = q[j];
                if (a == null || b == null) {
                    d += a == b ? 0 : 1;
                } else if (a instanceof double[] x) {
                    double[] y = (double[]) b;
                    double sum = 0;
                    for (int k = 0; k < x.length; k++) {
                        double diff = (x[k] - y[k]) / std[j];
                        sum += diff * diff;
                    }
                    d += sum / x.length;
                } else if (continuous[j]) {
                    double diff = (((Number) a).doubleValue() - ((Number) b).doubleValue()) / std[j];
                    d += diff * diff;
                } else if (!a.equals(b)) {
                    d += 2;
                }
            }
            return d;
        }
    }
}
