package io.sparksynth.evaluate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;

/**
 * Everything the pair metrics need from one table, in a single distributed pass: for every pair
 * of columns, either the joint counts of their codes (a pair with a categorical column) or the
 * co-moments of the two values (two continuous columns), plus per-column marginal counts.
 * Partition results are merged with treeAggregate; counts are exact integers.
 */
final class PairStats implements Serializable {
    private static final long serialVersionUID = 1L;

    final int columns;
    final long[][] joint;     // [pair][codeA * cardB + codeB], pairs with a categorical column
    final double[][] moments; // [pair][n, sx, sy, sxx, syy, sxy], pairs of continuous columns
    long rows;

    PairStats(ColumnCoder coder) {
        this.columns = coder.columns();
        int pairs = columns * (columns - 1) / 2;
        joint = new long[pairs][];
        moments = new double[pairs][];
        int p = 0;
        for (int a = 0; a < columns; a++) {
            for (int b = a + 1; b < columns; b++, p++) {
                if (coder.continuous(a) && coder.continuous(b)) {
                    moments[p] = new double[6];
                } else {
                    joint[p] = new long[coder.cardinality(a) * coder.cardinality(b)];
                }
            }
        }
    }

    static int pairIndex(int a, int b, int n) {
        return a * n - a * (a + 1) / 2 + (b - a - 1);
    }

    static PairStats of(Dataset<Row> data, ColumnCoder coder) {
        PairStats zero = new PairStats(coder);
        return data.javaRDD().treeAggregate(zero, (acc, row) -> acc.add(row, coder), PairStats::merge);
    }

    private transient int[] codes;
    private transient double[] values;

    PairStats add(Row row, ColumnCoder coder) {
        if (codes == null) {
            codes = new int[columns];
            values = new double[columns];
        }
        coder.code(row, codes, values);
        rows++;
        int p = 0;
        for (int a = 0; a < columns; a++) {
            for (int b = a + 1; b < columns; b++, p++) {
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
                    joint[p][codes[a] * coder.cardinality(b) + codes[b]]++;
                }
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
