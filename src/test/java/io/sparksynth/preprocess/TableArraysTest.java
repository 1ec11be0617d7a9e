package io.sparksynth.preprocess;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Decoding's primitive copies of the quantile tables: one copy per table object, a fresh one when
 * the table is replaced (as the marginal calibration replaces {@code generated}), and on a long
 * run of equal entries (a point mass inside the table) the same rank as before.
 */
@Tag("fast")
class TableArraysTest {

    @Test
    void aTableIsCopiedOnceAndAReplacedTableAgain() {
        TableArrays arrays = new TableArrays();
        List<Double> first = List.of(1.0, 2.0, 3.0);
        double[] a = arrays.of(first);
        assertSame(a, arrays.of(first), "the same table: the same copy");
        List<Double> second = List.of(4.0, 5.0);
        assertArrayEquals(new double[]{4, 5}, arrays.of(second));
        assertSame(a, arrays.of(first), "the first table's copy is kept");
    }

    @Test
    void theRankOfALongRunIsItsMiddleWhereverXFalls() {
        // 1,001 entries: 0 .. 99, then 800 entries equal to 100, then 101 .. 201
        List<Double> q = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            q.add((double) i);
        }
        q.addAll(Collections.nCopies(800, 100.0));
        for (int i = 101; i <= 201; i++) {
            q.add((double) i);
        }
        assertEquals(1001, q.size());
        double[] table = Quantiles.values(q);
        assertEquals((100 + 899) / 2.0 / 1000, Quantiles.cdf(table, 100), 0);
        assertEquals((99 + 0.5) / 1000, Quantiles.cdf(table, 99.5), 0);
        assertEquals((899 + 0.5) / 1000, Quantiles.cdf(table, 100.5), 0);
        assertEquals(1.0, Quantiles.cdf(table, 201), 0); // a run of one at the top
    }
}
