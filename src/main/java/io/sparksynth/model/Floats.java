package io.sparksynth.model;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between Java {@code float[]}s and ND4J arrays with one native copy. ND4J's own
 * {@code Nd4j.create(float[])} and {@code data().asFloat()} move one element per call, which cost
 * generation about as much as the forward pass's matrix products did.
 */
public final class Floats {
    private Floats() {
    }

    /** A new row-major {@code rows x cols} FLOAT matrix holding {@code data}. */
    public static INDArray matrix(float[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(rows + " x " + cols + " does not hold " + data.length + " values");
        }
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        ((FloatPointer) a.data().addressPointer()).put(data, 0, data.length);
        return a;
    }

    /** The values of {@code a} in row-major order. */
    public static float[] of(INDArray a) {
        INDArray c = dense(a) ? a : a.castTo(DataType.FLOAT).dup('c');
        float[] out = new float[(int) c.length()];
        ((FloatPointer) c.data().addressPointer()).get(out, 0, out.length);
        return out;
    }

    /**
     * Frees the off-heap buffers of arrays that nothing else holds now, rather than when the garbage
     * collector finds their Java wrappers: generation makes two such arrays per block.
     */
    public static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** Whether {@code a} is FLOAT and owns its whole buffer in row-major order (no view, no offset). */
    private static boolean dense(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && !a.isView() && a.offset() == 0
                && a.data().length() == a.length() && a.elementWiseStride() == 1;
    }
}
