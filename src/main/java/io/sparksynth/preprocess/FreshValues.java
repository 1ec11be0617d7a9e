package io.sparksynth.preprocess;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparksynth.data.ColumnSpec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * New values in the shape of a column's real ones, never a real one: for identifier columns (one
 * value per generated row, unique) and for the "other" slot of a categorical column
 * ({@code transform.rare-values = fresh}). A string's shape is a pattern per sampled value: per
 * position '9' (a digit), 'A' (upper case letter), 'a' (lower case letter), or the literal
 * character (anything else), drawn by weight. Why never a real value: each pattern has, where
 * possible, a marker, a position and a character of that position's class that no real value has at
 * that position (counted over all training rows); every fresh value of the pattern carries it.
 * Patterns without a marker (every character seen at every position) fall back to chance: a real
 * value is hit with probability at most (real values of that length) / (values of the pattern).
 * Uniqueness within a table: a row's number goes through an affine permutation of the pattern's
 * last free positions (up to 2^31 values), so two rows of the same pattern differ there. Integer
 * identifiers continue past the real maximum in order of the row's global index.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class FreshValues implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Positions considered for markers: longer strings are not scanned further. */
    public static final int MARKER_POSITIONS = 64;
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final long MAX_COUNTER = 1L << 31;

    public List<String> patterns;
    public List<Double> weights;
    /** per pattern, the marker's position (-1: none) and character */
    public List<Integer> markerPositions;
    public List<String> markerChars;
    /** multiplier of the row-number permutation: odd and not a multiple of 5 or 13, so coprime to any radix product */
    public Long multiplier;
    /** integer identifiers: the first value, the real maximum + 1 */
    public Long start;
    /** identifiers: the (approximate) share of distinct values among the non-null ones, why the column is one */
    public Double distinctRatio;

    public FreshValues() {
    }

    /** Integer identifiers: start past the real maximum. */
    public static FreshValues sequence(long realMax, double distinctRatio) {
        FreshValues f = new FreshValues();
        f.start = realMax + 1;
        f.distinctRatio = distinctRatio;
        return f;
    }

    /**
     * A string shape from sampled values and, per position, the characters every real value has
     * there ({@code seen}). At most {@code maxPatterns} patterns, the most frequent.
     */
    public static FreshValues strings(Map<String, Long> patternCounts, Map<Integer, Set<Character>> seen,
                                      int maxPatterns, long seed) {
        FreshValues f = new FreshValues();
        f.patterns = new ArrayList<>();
        f.weights = new ArrayList<>();
        f.markerPositions = new ArrayList<>();
        f.markerChars = new ArrayList<>();
        patternCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(maxPatterns).forEach(e -> {
                    f.patterns.add(e.getKey());
                    f.weights.add((double) e.getValue());
                    int pos = -1;
                    char mark = 0;
                    for (int p = 0; p < Math.min(e.getKey().length(), MARKER_POSITIONS) && pos < 0; p++) {
                        String alphabet = alphabet(e.getKey().charAt(p));
                        Set<Character> s = seen.getOrDefault(p, Set.of());
                        for (int k = 0; alphabet != null && k < alphabet.length(); k++) {
                            if (!s.contains(alphabet.charAt(k))) {
                                pos = p;
                                mark = alphabet.charAt(k);
                                break;
                            }
                        }
                    }
                    f.markerPositions.add(pos);
                    f.markerChars.add(pos < 0 ? "" : String.valueOf(mark));
                });
        long m = (seed * 0x9E3779B97F4A7C15L) >>> 33 | 1;
        while (m % 5 == 0 || m % 13 == 0) {
            m += 2;
        }
        f.multiplier = m;
        return f;
    }

    /** The pattern of a value: digits, upper and lower case ASCII letters by class, other characters as they are. */
    public static String pattern(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(c >= '0' && c <= '9' ? '9' : c >= 'A' && c <= 'Z' ? 'A' : c >= 'a' && c <= 'z' ? 'a' : c);
        }
        return b.toString();
    }

    private static String alphabet(char patternChar) {
        return switch (patternChar) {
            case '9' -> DIGITS;
            case 'A' -> UPPER;
            case 'a' -> LOWER;
            default -> null;
        };
    }

    @JsonIgnore
    public boolean isSequence() {
        return start != null;
    }

    /** Whether every pattern has a marker, so no fresh value can be a real one. */
    @JsonIgnore
    public boolean guaranteed() {
        return isSequence() || markerPositions.stream().allMatch(p -> p >= 0);
    }

    /**
     * The fresh value of global row {@code row} (identifiers; unique per pattern), or with
     * {@code row < 0} a random one (rare values), as a value of the column's Spark type. Draws from
     * {@code rng} (the pattern, the positions the counter leaves) so both decoders stay in step.
     */
    public Object value(long row, RandomGenerator rng, ColumnSpec spec) {
        if (isSequence()) {
            long v = start + row;
            return switch (spec.sparkType()) {
                case "tinyint" -> (byte) v;
                case "smallint" -> (short) v;
                case "int" -> (int) v;
                default -> v;
            };
        }
        int k = TypedValues.pick(weights, rng);
        String p = patterns.get(k);
        int marker = markerPositions.get(k);
        char[] out = p.toCharArray();
        // the counter takes the last free positions while their product stays within 2^31
        long size = 1;
        int first = out.length;
        while (first > 0) {
            String a = alphabet(p.charAt(first - 1));
            if (first - 1 != marker && a != null) {
                if (size * a.length() > MAX_COUNTER) {
                    break;
                }
                size *= a.length();
            }
            first--;
        }
        long n = row >= 0 ? Math.floorMod((multiplier % size) * (row % size) + 7919 % size, size) : rng.nextLong(size);
        for (int i = out.length - 1; i >= 0; i--) {
            String a = alphabet(p.charAt(i));
            if (i == marker) {
                out[i] = markerChars.get(k).charAt(0);
            } else if (a != null && i >= first) {
                out[i] = a.charAt((int) (n % a.length()));
                n /= a.length();
            }
        }
        for (int i = 0; i < first; i++) {
            String a = alphabet(p.charAt(i));
            if (i != marker && a != null) {
                out[i] = a.charAt(rng.nextInt(a.length()));
            }
        }
        return new String(out);
    }
}
