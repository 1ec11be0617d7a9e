package io.sparksynth.report;

import java.util.HashSet;
import java.util.List;

/**
 * Category and column names short enough for an axis. Names up to a generous length stay whole;
 * a longer one keeps its start and its end around an ellipsis, since names of one column often
 * differ only at the end ("Married-civ-spouse", "Married-spouse-absent"). The page carries the
 * full names in the image's title.
 */
final class ShortLabels {
    /** a name this long still fits a rotated axis label of the report's charts */
    static final int MAX = 24;
    private static final String ELLIPSIS = "\u2026";

    private ShortLabels() {
    }

    /** The names shortened to {@code max} characters, or more where that keeps two of them apart. */
    static List<String> of(List<String> names, int max) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        for (int m = max; m < longest; m++) {
            int limit = m;
            List<String> out = names.stream().map(n -> shorten(n, limit)).toList();
            if (new HashSet<>(out).size() == new HashSet<>(names).size()) {
                return out;
            }
        }
        return names;
    }

    /** {@code name} itself up to {@code max} characters, else its start, an ellipsis and its end. */
    static String shorten(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        int tail = (max - 1) / 3;
        int head = max - 1 - tail;
        return name.substring(0, head) + ELLIPSIS + name.substring(name.length() - tail);
    }
}
