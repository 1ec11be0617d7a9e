package io.sparksynth.model;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk copies give what ND4J's element-wise ones gave, bit for bit, for whole arrays and for
 * arrays that do not own their buffer in row-major order (views, column-major, other types).
 */
@Tag("fast")
class FloatsTest {

    private static float[] values(int n) {
        SplittableRandom rng = new SplittableRandom(3);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        v[0] = Float.NaN;
        v[1] = -0.0f;
        return v;
    }

    @Test
    void aMatrixHoldsTheValuesInRowMajorOrder() {
        float[] v = values(6 * 5);
        INDArray m = Floats.matrix(v, 6, 5);
        assertEquals(DataType.FLOAT, m.dataType());
        assertArrayEquals(new long[]{6, 5}, m.shape());
        assertArrayEquals(Nd4j.create(v, new long[]{6, 5}, 'c').data().asFloat(), m.data().asFloat());
        assertEquals(v[2 * 5 + 3], m.getFloat(2, 3));
        assertArrayEquals(v, Floats.of(m));
    }

    @Test
    void viewsOtherOrdersAndTypesAreCopiedAsTheyRead() {
        INDArray m = Floats.matrix(values(8 * 4), 8, 4);
        INDArray rows = m.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        assertArrayEquals(rows.dup('c').data().asFloat(), Floats.of(rows));
        INDArray column = m.get(NDArrayIndex.all(), NDArrayIndex.point(1));
        assertArrayEquals(column.dup('c').data().asFloat(), Floats.of(column));
        INDArray transposed = m.transpose();
        assertArrayEquals(transposed.dup('c').data().asFloat(), Floats.of(transposed));
        INDArray doubles = m.castTo(DataType.DOUBLE);
        assertArrayEquals(Floats.of(m), Floats.of(doubles));
    }

    @Test
    void aShapeThatDoesNotHoldTheValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Floats.matrix(new float[10], 3, 3));
    }

    @Test
    void releaseFreesArraysThatOwnTheirBufferAndLeavesViewsAlone() {
        float[] v = values(3 * 4);
        INDArray whole = Floats.matrix(v, 3, 4);
        INDArray rows = whole.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all());
        Floats.release(rows, null);
        assertFalse(whole.wasClosed());
        assertArrayEquals(v, Floats.of(whole));
        Floats.release(whole);
        assertTrue(whole.wasClosed());
    }
}
