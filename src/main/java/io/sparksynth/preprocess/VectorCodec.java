package io.sparksynth.preprocess;

import io.sparksynth.data.ColumnSpec;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import scala.collection.Seq;

/**
 * The elements of a vector column, min-max scaled to the generator's tanh range [-1, 1] with the
 * column's range over all its elements (one scale for every element, as the MNIST paper scales
 * pixels), and back to an array of the column's element type (or a Spark ML vector): integers
 * rounded, every element within the real range.
 */
final class VectorCodec {
    private VectorCodec() {
    }

    /** Writes the {@code length} scaled elements of {@code value} (an array or a Spark ML vector) at {@code out[offset..]}. */
    static void encode(Object value, ColumnSpec spec, double min, double max, float[] out, int offset) {
        int length = spec.length();
        double range = max - min;
        if (value instanceof Vector v) {
            checkLength(spec, v.size());
            for (int k = 0; k < length; k++) {
                out[offset + k] = scale(v.apply(k), min, range);
            }
        } else if (value instanceof Seq<?> s) {
            checkLength(spec, s.length());
            for (int k = 0; k < length; k++) {
                out[offset + k] = scale(((Number) s.apply(k)).doubleValue(), min, range);
            }
        } else {
            throw new IllegalStateException("column " + spec.name() + " holds a " + value.getClass().getName()
                    + ", not an array or a vector");
        }
    }

    private static void checkLength(ColumnSpec spec, int n) {
        if (n != spec.length()) {
            throw new IllegalStateException("column " + spec.name() + " was fitted with length " + spec.length()
                    + " but holds a value of length " + n);
        }
    }

    private static float scale(double x, double min, double range) {
        double a = range > 0 ? 2 * (x - min) / range - 1 : 0;
        return (float) Math.max(-1, Math.min(1, a));
    }

    /** The value whose scaled elements are at {@code in[offset..]}, in the column's Spark type. */
    static Object decode(float[] in, int offset, ColumnSpec spec, double min, double max) {
        int n = spec.length();
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            double a = Math.max(-1, Math.min(1, in[offset + k]));
            x[k] = Math.max(min, Math.min(max, min + (a + 1) / 2 * (max - min)));
        }
        if (spec.sparkType().equals(ColumnSpec.VECTOR_TYPE)) {
            return Vectors.dense(x);
        }
        Object[] out = new Object[n];
        for (int k = 0; k < n; k++) {
            out[k] = TypedValues.numeric(x[k], spec.elementType(), spec.name());
        }
        return out;
    }
}
