package io.sparksynth.evaluate.images;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label values the classifier knows, as strings (the label column cast to string), each with its
 * output index: in numeric order when every value is a number (MNIST's 0 to 9), else in string order.
 * A label outside the list (a synthetic value the real training rows lack) has index -1.
 */
final class Classes implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    Classes(List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        boolean numeric = sorted.stream().allMatch(Classes::isNumber);
        sorted.sort(numeric ? Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder());
        this.names = List.copyOf(sorted);
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    List<String> names() {
        return names;
    }

    /** The output index of a label value; -1 for a value the classifier does not know. */
    int of(String value) {
        Integer i = index.get(value);
        return i == null ? -1 : i;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
