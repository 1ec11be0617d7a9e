package io.sparksynth.preprocess;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
/** Integer identifiers never overflow into real values: up past the maximum, else down, else scattered. */
class FreshSequenceTest {
    private static final SplittableRandom RNG = new SplittableRandom(1);

    private static ColumnSpec spec(String type) {
        return new ColumnSpec("id", type, ColumnKind.IDENTIFIER, false);
    }

    @Test
    void countsUpPastTheRealMaximumWhenThereIsRoom() {
        FreshValues f = FreshValues.sequence(1, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE, 1.0);
        assertEquals(1001, f.value(0, RNG, spec("int")));
        assertEquals(1011, f.value(10, RNG, spec("int")));
        assertTrue(f.guaranteed());
    }

    @Test
    void countsDownWhenTheMaximumIsAtTheTypesEnd() {
        FreshValues f = FreshValues.sequence(-5, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 1.0);
        assertEquals(-6L, f.value(0, RNG, spec("bigint")));
        assertEquals(-106L, f.value(100, RNG, spec("bigint")));
    }

    @Test
    void scattersUniquelyWhenBothEndsAreTaken() {
        FreshValues f = FreshValues.sequence(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 1.0);
        Set<Object> seen = new HashSet<>();
        for (long row = 0; row < 100_000; row++) {
            Object v = f.value(row, RNG, spec("bigint"));
            assertTrue(seen.add(v), "unique: " + v);
            assertFalse(v.equals(Long.MIN_VALUE) || v.equals(Long.MAX_VALUE), "never the real extremes");
        }
        assertFalse(f.guaranteed(), "a scattered identifier avoids real values only with high probability");
        FreshValues small = FreshValues.sequence(0, 200, Short.MIN_VALUE, Short.MAX_VALUE, 1.0);
        Set<Object> shorts = new HashSet<>();
        for (long row = 0; row < 65_536; row++) {
            shorts.add(small.value(row, RNG, spec("smallint")));
        }
        assertEquals(65_536, shorts.size(), "a bijection of the smallint range");
    }
}
