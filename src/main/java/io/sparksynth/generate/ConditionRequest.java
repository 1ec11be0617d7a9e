package io.sparksynth.generate;

import io.sparksynth.SynthException;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user asks of generation beyond a row count: fixed values of categorical columns
 * ({@code --where col=value[,col=value]}) and a categorical column whose values should get equal
 * rows ({@code --balance COL}). Values are spelled as the model's cleaned real data spells them.
 * Checked against a model only when generating ({@link SyntheticGenerator}), which names the
 * unknown column or value and the known ones.
 *
 * @param where   column to value, in the user's order; empty for none
 * @param balance the column to balance, or null
 */
public record ConditionRequest(Map<String, String> where, String balance) implements Serializable {
    /** Unconditional generation. */
    public static final ConditionRequest NONE = new ConditionRequest(Map.of(), null);

    public ConditionRequest {
        where = where == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(where));
        balance = balance == null || balance.isBlank() ? null : balance.trim();
    }

    public static ConditionRequest where(Map<String, String> where) {
        return new ConditionRequest(where, null);
    }

    public static ConditionRequest balance(String column, Map<String, String> where) {
        return new ConditionRequest(where, column);
    }

    public boolean isEmpty() {
        return where.isEmpty() && balance == null;
    }

    /**
     * The {@code --where} arguments as a map: each argument holds {@code col=value} pairs separated
     * by commas (the option may also be repeated). The column name is trimmed, the value is kept as
     * written (after the first '='), since it must match the data's spelling exactly.
     */
    public static Map<String, String> parseWhere(List<String> args) {
        Map<String, String> where = new LinkedHashMap<>();
        for (String arg : args == null ? List.<String>of() : args) {
            for (String pair : arg.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                    throw SynthException.usage("--where expects col=value[,col=value], got '" + pair + "'");
                }
                String column = pair.substring(0, eq).trim();
                if (where.put(column, pair.substring(eq + 1)) != null) {
                    throw SynthException.usage("--where names column '" + column + "' twice");
                }
            }
        }
        return where;
    }

    /** For progress lines: {@code income=>50K, sex=Female, balanced over race}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        where.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        if (balance != null) {
            s.append(s.length() == 0 ? "" : ", ").append("balanced over ").append(balance);
        }
        return s.length() == 0 ? "none" : s.toString();
    }
}
