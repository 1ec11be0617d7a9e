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
    /** integer identifiers: the first value, the real maximum + 1 (or the real minimum - 1, see {@link #step}) */
    public Long start;
    /**
     * integer identifiers: +1 (counting up past the real maximum), -1 (down past the real minimum,
     * when there is no room above) or 0: neither side has room for {@link #MIN_ROOM} values,
     * so row numbers are scattered over the whole type's range by an odd multiplier (unique per
     * row; a real value is hit with a chance of real values / 2^bits per row)
     */
    public Integer step;
    /** values a sequence identifier needs room for on one side of the real range before it scatters instead */
    static final long MIN_ROOM = 1L << 24;
    /** identifiers: the (approximate) share of distinct values among the non-null ones, why the column is one */
    public Double distinctRatio;

    public FreshValues() {
    }

    /**
     * Integer identifiers: a sequence past the real maximum when the type ({@code typeMin..typeMax})
     * has room there for {@link #MIN_ROOM} values, else below the real minimum, else scattered (a
     * tinyint or smallint always scatters). A sequence is unique and new for as many rows as its
     * side of the type holds (at least 16.7 million).
     */
    public static FreshValues sequence(long realMin, long realMax, long typeMin, long typeMax,
                                       double distinctRatio) {
        FreshValues f = new FreshValues();
        // unsigned differences: the room on each side, without overflow
        long above = typeMax - realMax;
        long below = realMin - typeMin;
        if (Long.compareUnsigned(above, MIN_ROOM) >= 0) {
            f.start = realMax + 1;
            f.step = 1;
        } else if (Long.compareUnsigned(below, MIN_ROOM) >= 0) {
            f.start = realMin - 1;
            f.step = -1;
        } else {
            f.start = typeMin;
            f.step = 0;
        }
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

    /** Row {@code row} spread over the type's range by an odd multiplier: a bijection of the type's values. */
    private static long scattered(long row, ColumnSpec spec) {
        long x = row * 0x9E3779B97F4A7C15L;
        return switch (spec.sparkType()) {
            case "tinyint" -> (byte) x;
            case "smallint" -> (short) x;
            case "int" -> (int) x;
            default -> x;
        };
    }

    @JsonIgnore
    public boolean isSequence() {
        return start != null;
    }

    /** Whether every pattern has a marker, so no fresh value can be a real one. */
    @JsonIgnore
    public boolean guaranteed() {
        return isSequence() ? step == null || step != 0 : markerPositions.stream().allMatch(p -> p >= 0);
    }

    /**
     * The fresh value of global row {@code row} (identifiers; unique per pattern), or with
     * {@code row < 0} a random one (rare values), as a value of the column's Spark type. Draws from
     * {@code rng} (the pattern, the positions the counter leaves) so both decoders stay in step.
     */
    public Object value(long row, RandomGenerator rng, ColumnSpec spec) {
        if (isSequence()) {
            long v = step == null || step == 1 ? start + row : step == -1 ? start - row : scattered(row, spec);
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
