package io.sparksynth.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Category and column names on an axis: whole up to a generous length, then shortened but distinct. */
@Tag("fast")
class ShortLabelsTest {

    @Test
    void namesUpToTheLimitStayWhole() {
        List<String> names = List.of("hours-per-week", "Married-civ-spouse", "Machine-op-inspct", "<=50K");
        assertEquals(names, ShortLabels.of(names, ShortLabels.MAX));
    }

    @Test
    void longNamesKeepTheirStartAndEnd() {
        String s = ShortLabels.shorten("Married-spouse-absent-because-of-a-long-reason", 24);
        assertEquals(24, s.length());
        assertTrue(s.startsWith("Married-spouse") && s.endsWith("reason") && s.contains("\u2026"), s);
    }

    @Test
    void shortenedNamesStayApart() {
        List<String> names = List.of("a-very-long-column-name-from-one-source-first",
                "a-very-long-column-name-from-one-source-second", "short");
        List<String> out = ShortLabels.of(names, 24);
        assertEquals(3, new HashSet<>(out).size(), out.toString());
        assertEquals("short", out.get(2));
    }
}
