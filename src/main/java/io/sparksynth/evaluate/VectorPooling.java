package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.VectorColumns;
import io.sparksynth.data.VectorGroups;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;

import java.io.Serializable;

import static org.apache.spark.sql.functions.udf;

/**
 * The bounded summary through which the learned metrics (detection, ML efficacy, PCA) and the
 * distance to closest record see a vector column: the means of its {@link VectorGroups} (image
 * cells, or runs of elements). So a classifier costs the same for a 784-pixel image as for a table
 * of 49 numbers, yet still sees where the mass of the vector lies.
 */
final class VectorPooling implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_GROUPS = VectorGroups.MAX_GROUPS;

    /** Per group, the indices of its elements. */
    private final int[][] groups;

    private VectorPooling(int[][] groups) {
        this.groups = groups;
    }

    static VectorPooling of(ColumnSpec spec) {
        return new VectorPooling(VectorGroups.of(spec));
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
