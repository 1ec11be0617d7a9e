package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded summary of vector columns: every element in exactly one group, at most 64 groups, image cells. */
@Tag("fast")
class VectorPoolingTest {

    private static ColumnSpec vector(int length, Integer... shape) {
        return new ColumnSpec("x", "array<float>", ColumnKind.VECTOR, false, length, List.of(shape));
    }

    @Test
    void anImageIsCutIntoSquareCellsOfItsGrid() {
        int[][] g = VectorPooling.of(vector(784, 28, 28)).groups();
        assertEquals(49, g.length, "28 x 28 in 7 x 7 cells of 4 x 4 pixels");
        assertPartition(g, 784);
        // the cell of row 1, column 2 holds the pixels of rows 4..7 and columns 8..11, row-major
        List<Integer> cell = new ArrayList<>();
        for (int y = 4; y < 8; y++) {
            for (int x = 8; x < 12; x++) {
                cell.add(y * 28 + x);
            }
        }
        assertEquals(cell, Arrays.stream(g[7 + 2]).boxed().toList());
    }

    @Test
    void channelsStayInTheirPixelsCellAndRaggedEdgesGetSmallerCells() {
        int[][] g = VectorPooling.of(vector(10 * 9 * 3, 10, 9, 3)).groups();
        assertEquals(5 * 5, g.length, "10 x 9 with cells of 2: 5 x 5 cells");
        assertPartition(g, 270);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 27, 28, 29, 30, 31, 32}, g[0], "2 x 2 pixels, 3 channels each");
        assertEquals(2 * 1 * 3, g[4].length, "the last column of cells is one pixel wide");
    }

    @Test
    void aVectorWithoutShapeIsCutIntoContiguousRuns() {
        for (int length : new int[]{1, 5, 64, 65, 784, 10_000}) {
            int[][] g = VectorPooling.of(vector(length)).groups();
            assertTrue(g.length <= VectorPooling.MAX_GROUPS && g.length >= Math.min(length, 1), length + ": " + g.length);
            assertPartition(g, length);
            for (int[] run : g) {
                for (int k = 1; k < run.length; k++) {
                    assertEquals(run[k - 1] + 1, run[k], "contiguous");
                }
            }
        }
        assertEquals(5, VectorPooling.of(vector(5)).size(), "short vectors keep every element");
    }

    @Test
    void meansAreTheAveragesOfEachGroup() {
        double[] image = VectorPooling.of(vector(256, 16, 16)).means(ramp(256));
        assertEquals(64, image.length, "16 x 16 in cells of 2 x 2");
        assertEquals((0 + 1 + 16 + 17) / 4.0, image[0], 0);
        assertEquals((238 + 239 + 254 + 255) / 4.0, image[63], 0);
        double[] m = VectorPooling.of(vector(130)).means(ramp(130));
        assertEquals(44, m.length, "runs of ceil(130 / 64) = 3 elements: 44 runs");
        assertEquals(1.0, m[0], 0);
        assertEquals(129.0, m[43], 0, "the last run holds one element");
    }

    /** The elements 0, 1, 2, ... as Spark hands an array to a UDF. */
    private static scala.collection.Seq<Object> ramp(int n) {
        List<Object> values = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            values.add((double) k);
        }
        return JavaConverters.asScalaBuffer(values).toSeq();
    }

    private static void assertPartition(int[][] groups, int length) {
        int[] seen = new int[length];
        for (int[] g : groups) {
            assertTrue(g.length > 0, "no empty group");
            for (int k : g) {
                seen[k]++;
            }
        }
        for (int k = 0; k < length; k++) {
            assertEquals(1, seen[k], "element " + k + " in exactly one group");
        }
    }
}
