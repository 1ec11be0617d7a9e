package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.VectorColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.udf;

/**
 * The bounded summary through which the learned metrics (detection, ML efficacy, PCA) and the
 * distance to closest record see a vector column: the means of at most {@link #MAX_GROUPS} groups of
 * its elements. An image ({@code schema.shapes}) is cut into a grid of square cells of
 * {@code ceil(max(height, width) / 8)} pixels a side, all channels together (28 x 28 gives 7 x 7
 * cells of 4 x 4 pixels: a digit still recognisable at that resolution); any other vector into
 * contiguous runs of {@code ceil(length / 64)} elements. So a classifier costs the same for a
 * 784-pixel image as for a table of 49 numbers, yet still sees where the mass of the vector lies.
 */
final class VectorPooling implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_GROUPS = 64;
    private static final int GRID = 8;

    /** Per group, the indices of its elements. */
    private final int[][] groups;

    private VectorPooling(int[][] groups) {
        this.groups = groups;
    }

    static VectorPooling of(ColumnSpec spec) {
        return new VectorPooling(spec.shape().isEmpty() ? runs(spec.length()) : cells(spec.shape()));
    }

    private static int[][] runs(int length) {
        int run = (length + MAX_GROUPS - 1) / MAX_GROUPS;
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < length; start += run) {
            int[] g = new int[Math.min(run, length - start)];
            for (int k = 0; k < g.length; k++) {
                g[k] = start + k;
            }
            out.add(g);
        }
        return out.toArray(new int[0][]);
    }

    private static int[][] cells(List<Integer> shape) {
        int h = shape.get(0);
        int w = shape.get(1);
        int c = shape.size() > 2 ? shape.get(2) : 1;
        int side = (Math.max(h, w) + GRID - 1) / GRID;
        List<int[]> out = new ArrayList<>();
        for (int y0 = 0; y0 < h; y0 += side) {
            for (int x0 = 0; x0 < w; x0 += side) {
                List<Integer> g = new ArrayList<>();
                for (int y = y0; y < Math.min(h, y0 + side); y++) {
                    for (int x = x0; x < Math.min(w, x0 + side); x++) {
                        for (int ch = 0; ch < c; ch++) {
                            g.add((y * w + x) * c + ch); // row-major, channels last
                        }
                    }
                }
                out.add(g.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return out.toArray(new int[0][]);
    }

    int size() {
        return groups.length;
    }

    /** Per group, the indices of its elements (a copy). */
    int[][] groups() {
        return java.util.Arrays.stream(groups).map(int[]::clone).toArray(int[][]::new);
    }

    /** The group means of one vector's elements. */
    double[] means(Seq<?> elements) {
        double[] out = new double[groups.length];
        for (int i = 0; i < groups.length; i++) {
            double sum = 0;
            for (int k : groups[i]) {
                sum += ((Number) elements.apply(k)).doubleValue();
            }
            out[i] = sum / groups[i].length;
        }
        return out;
    }

    /** The group means of a vector column as {@code array<double>} (null for a null vector). */
    Column means(ColumnSpec spec) {
        UDF1<Seq<?>, double[]> f = e -> e == null ? null : means(e);
        return udf(f, DataTypes.createArrayType(DataTypes.DoubleType)).apply(VectorColumns.elements(spec));
    }
}
