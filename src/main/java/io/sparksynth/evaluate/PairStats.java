package io.sparksynth.evaluate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;

/**
 * Everything the pair metrics need from one table, in a single distributed pass: for every
 * selected pair of columns ({@link PairSelection}), either the joint counts of their codes (a pair
 * with a categorical column) or the co-moments of the two values (two continuous columns).
 * Partition results are merged with treeAggregate; counts are exact integers.
 */
final class PairStats implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most contingency counts one table's pass holds (8 bytes each, in every task). */
    static final long MAX_CELLS = 4_000_000L;

    final PairSelection pairs;
    final long[][] joint;     // [pair][codeA * cardB + codeB], pairs with a categorical column
    final double[][] moments; // [pair][n, sx, sy, sxx, syy, sxy], pairs of continuous columns
    private final int[] cardB;
    long rows;

    PairStats(ColumnCoder coder, PairSelection pairs) {
        this.pairs = pairs;
        int n = pairs.size();
        joint = new long[n][];
        moments = new double[n][];
        cardB = new int[n];
        for (int p = 0; p < n; p++) {
            int a = pairs.a[p];
            int b = pairs.b[p];
            cardB[p] = coder.cardinality(b);
            if (coder.continuous(a) && coder.continuous(b)) {
                moments[p] = new double[6];
            } else {
                joint[p] = new long[coder.cardinality(a) * coder.cardinality(b)];
            }
        }
    }

    static PairStats of(Dataset<Row> data, ColumnCoder coder, PairSelection pairs) {
        PairStats zero = new PairStats(coder, pairs);
        return data.javaRDD().treeAggregate(zero, (acc, row) -> acc.add(row, coder), PairStats::merge);
    }

    private transient int[] codes;
    private transient double[] values;

    PairStats add(Row row, ColumnCoder coder) {
        if (codes == null) {
            codes = new int[coder.columns()];
            values = new double[coder.columns()];
        }
        coder.code(row, codes, values);
        rows++;
        int[] as = pairs.a;
        int[] bs = pairs.b;
        for (int p = 0; p < as.length; p++) {
            int a = as[p];
            int b = bs[p];
            if (moments[p] != null) {
                double x = values[a];
                double y = values[b];
                if (!Double.isNaN(x) && !Double.isNaN(y)) {
                    double[] m = moments[p];
                    m[0]++;
                    m[1] += x;
                    m[2] += y;
                    m[3] += x * x;
                    m[4] += y * y;
                    m[5] += x * y;
                }
            } else {
                joint[p][codes[a] * cardB[p] + codes[b]]++;
            }
        }
        return this;
    }

    PairStats merge(PairStats o) {
        rows += o.rows;
        for (int p = 0; p < joint.length; p++) {
            if (joint[p] != null) {
                for (int i = 0; i < joint[p].length; i++) {
                    joint[p][i] += o.joint[p][i];
                }
            } else {
                for (int i = 0; i < 6; i++) {
                    moments[p][i] += o.moments[p][i];
                }
            }
        }
        return this;
    }

    /** Pearson r of a continuous pair, NaN when undefined (constant column or no rows). */
    double pearson(int p) {
        double[] m = moments[p];
        double n = m[0];
        if (n < 2) {
            return Double.NaN;
        }
        double cov = m[5] - m[1] * m[2] / n;
        double vx = m[3] - m[1] * m[1] / n;
        double vy = m[4] - m[2] * m[2] / n;
        if (vx <= 0 || vy <= 0) {
            return Double.NaN;
        }
        return cov / Math.sqrt(vx * vy);
    }
}
