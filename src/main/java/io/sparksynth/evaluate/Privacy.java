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
 * semi-join of all synthetic rows with the distinct training rows. Distance to closest record
 * (standardised continuous columns, one-hot categoricals, so a differing category adds 2 to the
 * squared distance) is exact for a bounded sample of query rows (synthetic and real holdout),
 * broadcast to the executors, while the training rows stream through their partitions: a blocked
 * nearest-neighbour search with no training row collected.
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
            if (trainStats.get(columns.name(i)) instanceof ColumnSummary.Continuous s) {
                continuous[i] = true;
                std[i] = Double.isNaN(s.std()) || s.std() == 0 ? 1 : s.std();
            }
        }
        Encoder enc = new Encoder(continuous, std);
        List<String> names = columns.names();
        Object[][] synthQ = sample(synthetic, synthRows, queryRows, names, seed);
        Object[][] holdQ = holdout == null ? new Object[0][] : sample(holdout, holdout.count(), queryRows, names, seed);
        double[] d = nearest(train, names, enc, concat(synthQ, holdQ));
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

    private static Object[][] sample(Dataset<Row> data, long rows, int n, List<String> columns, long seed) {
        Column[] cols = columns.stream().map(c -> col(quote(c))).toArray(Column[]::new);
        List<Row> rs = FitSample.byHash(data.select(cols), Math.min(1.0, 1.2 * n / Math.max(rows, 1)), seed)
                .limit(n).collectAsList();
        Object[][] out = new Object[rs.size()][];
        for (int i = 0; i < rs.size(); i++) {
            Object[] v = new Object[columns.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = rs.get(i).get(j);
            }
            out[i] = v;
        }
        return out;
    }

    private static Object[][] concat(Object[][] a, Object[][] b) {
        Object[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] nearest(Dataset<Row> train, List<String> columns, Encoder enc, Object[][] queries) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(train.sparkSession().sparkContext());
        Broadcast<Object[][]> q = jsc.broadcast(queries);
        int n = queries.length;
        double[] init = new double[n];
        Arrays.fill(init, Double.POSITIVE_INFINITY);
        Column[] cols = columns.stream().map(c -> col(quote(c))).toArray(Column[]::new);
        double[] best = train.select(cols).javaRDD().treeAggregate(init, (acc, row) -> {
            Object[][] qs = q.value();
            for (int i = 0; i < qs.length; i++) {
                double d = enc.squaredDistance(row, qs[i], acc[i]);
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

    /** Squared distance between a training row and a query row, stopping early past the current best. */
    record Encoder(boolean[] continuous, double[] std) implements Serializable {
        double squaredDistance(Row row, Object[] q, double bound) {
            double d = 0;
            for (int j = 0; j < continuous.length && d < bound; j++) {
                Object a = row.get(j);
                Object b = q[j];
                if (a == null || b == null) {
                    d += a == b ? 0 : 1;
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
