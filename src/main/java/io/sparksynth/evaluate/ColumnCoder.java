package io.sparksynth.evaluate;

import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns every column of a row into a small integer code for joint counts: a categorical value
 * into its index among the real table's categories (unseen values share one code), a continuous
 * value into one of (up to) 10 bins cut at the real table's deciles; null is a code of its own.
 * Continuous values are also returned shifted by the real mean, for numerically stable moments.
 */
final class ColumnCoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean[] continuous;
    private final double[][] cuts;
    private final double[] shift;
    private final List<Map<String, Integer>> dictionaries;
    private final int[] cardinality;

    ColumnCoder(boolean[] continuous, double[][] cuts, double[] shift, List<List<String>> categories) {
        this.continuous = continuous;
        this.cuts = cuts;
        this.shift = shift;
        this.dictionaries = new java.util.ArrayList<>();
        this.cardinality = new int[continuous.length];
        for (int i = 0; i < continuous.length; i++) {
            Map<String, Integer> d = new HashMap<>();
            if (!continuous[i]) {
                List<String> cats = categories.get(i);
                for (int k = 0; k < cats.size(); k++) {
                    d.put(cats.get(k), k);
                }
                cardinality[i] = cats.size() + 2; // + unseen + null
            } else {
                cardinality[i] = cuts[i].length + 2; // bins + null
            }
            dictionaries.add(d);
        }
    }

    int columns() {
        return continuous.length;
    }

    boolean continuous(int i) {
        return continuous[i];
    }

    int cardinality(int i) {
        return cardinality[i];
    }

    /** Fills codes and (for continuous columns) shifted values; NaN marks null. */
    void code(Row row, int[] codes, double[] values) {
        for (int i = 0; i < continuous.length; i++) {
            int nullCode = cardinality[i] - 1;
            if (row.isNullAt(i)) {
                codes[i] = nullCode;
                values[i] = Double.NaN;
                continue;
            }
            if (continuous[i]) {
                double x = ((Number) row.get(i)).doubleValue();
                if (Double.isNaN(x)) {
                    codes[i] = nullCode;
                    values[i] = Double.NaN;
                    continue;
                }
                values[i] = x - shift[i];
                int bin = 0;
                double[] c = cuts[i];
                while (bin < c.length && x > c[bin]) {
                    bin++;
                }
                codes[i] = bin;
            } else {
                Integer k = dictionaries.get(i).get(String.valueOf(row.get(i)));
                codes[i] = k == null ? cardinality[i] - 2 : k;
            }
        }
    }
}
