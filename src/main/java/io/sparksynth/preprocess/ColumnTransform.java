package io.sparksynth.preprocess;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The fitted, invertible encoding of one column. The encoded form is an optional {@code alpha}
 * value (continuous columns), or one scaled value per element (vector columns, see
 * {@link VectorCodec}), followed by an optional one-hot "choice" block: the mode or point mass of a
 * continuous value, or the category of a categorical one, with "other" for folded rare categories
 * and a last slot for null when the column is nullable. A vector's choice block, present only when
 * it is nullable, has two slots: a value, or null.
 */
public final class ColumnTransform implements Serializable {
    private static final long serialVersionUID = 1L;

    public ColumnSpec spec;
    public double nullShare;
    // continuous, and vector (the range of all elements)
    public double min;
    public double max;
    public List<Component> components = new ArrayList<>();
    /**
     * Continuous columns of few distinct values: those values, sorted ({@link Quantiles#support});
     * decoded values move to the nearest, never between two. Empty for the other columns.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<Double> support = new ArrayList<>();
    /** quantile normalisation: the column's quantiles at evenly spaced probabilities (empty otherwise) */
    public List<Double> quantiles = new ArrayList<>();
    // categorical, most frequent first
    public List<String> categories = new ArrayList<>();
    public List<Double> categoryShares = new ArrayList<>();
    /** rare values folded into "other", with their weights, so decoding restores real spellings */
    public List<String> otherValues = new ArrayList<>();
    public List<Double> otherWeights = new ArrayList<>();
    public double otherShare;
    /**
     * Marginal calibration (continuous columns): the real quantiles of all non-null values, point
     * masses included, and the same quantiles of the generator's decoded values; decoding maps a
     * generated value through {@code marginal^-1(generated(x))}, which keeps its rank among generated
     * values (so the relations between columns) and gives the column the real distribution. Empty
     * {@code generated}: no calibration.
     */
    public List<Double> marginal = new ArrayList<>();
    public List<Double> generated = new ArrayList<>();
    /** Marginal calibration of the choice block: added to the generator's logits before a slot is drawn. */
    public List<Double> choiceBias = new ArrayList<>();
    /** the tables above as primitive arrays, for decoding; made on first use, in no serialised form */
    private transient TableArrays arrays;
    /**
     * A categorical column that is a function of another ({@link DerivedColumns}): the source's name,
     * and the real mapping as parallel lists of spellings (null for null). It has no encoded slots;
     * decoding looks its value up from the source's. Null for a learned column.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String derivedFrom;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<String> derivedKeys;
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public List<String> derivedValues;
    private transient Map<String, Object> derivedLookup;
    /**
     * Identifier columns: how their fresh unique values are made; categorical string columns with
     * {@code transform.rare-values = fresh}: the shape of the "other" slot's fresh values (its real
     * rare values are then not kept). Null otherwise.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public FreshValues fresh;

    public ColumnTransform() {
    }

    /** An identifier: generated fresh and unique per row, not learned (no encoded slots). */
    @JsonIgnore
    public boolean identifier() {
        return spec.kind() == ColumnKind.IDENTIFIER;
    }

    /** Whether a categorical column's "other" slot decodes to fresh values rather than real rare ones. */
    @JsonIgnore
    public boolean freshOther() {
        return fresh != null && !identifier();
    }

    @JsonIgnore
    public boolean continuous() {
        return spec.kind() == ColumnKind.CONTINUOUS;
    }

    @JsonIgnore
    public boolean vector() {
        return spec.kind() == ColumnKind.VECTOR;
    }

    /** Whether the column is derived from another rather than learned (and has no encoded slots). */
    @JsonIgnore
    public boolean derived() {
        return derivedFrom != null;
    }

    /**
     * A derived column's value for its source's decoded value: the real mapping's, or (for a source
     * value the mapping lacks, which decoding never produces) the column's most frequent value.
     */
    public Object deriveFrom(Object source) {
        if (derivedLookup == null) {
            Map<String, Object> lookup = new HashMap<>();
            for (int k = 0; k < derivedKeys.size(); k++) {
                String v = derivedValues.get(k);
                lookup.put(derivedKeys.get(k), v == null ? null : valueOf(v));
            }
            derivedLookup = lookup;
        }
        String key = source == null ? null : String.valueOf(source);
        return derivedLookup.containsKey(key) ? derivedLookup.get(key) : valueOf(categories.get(0));
    }

    @JsonIgnore
    public boolean hasValue() {
        return valueWidth() > 0;
    }

    /** Values the generator writes with tanh: a vector's elements, a continuous column's alpha, or none. */
    @JsonIgnore
    public int valueWidth() {
        if (derived() || identifier()) {
            return 0;
        }
        if (vector()) {
            return spec.length();
        }
        if (continuous()) { // a loop, not a stream: decoding asks this for every value
            for (Component c : components) {
                if (!c.pointMass()) {
                    return 1;
                }
            }
        }
        return 0;
    }

    @JsonIgnore
    public boolean hasOther() {
        return !otherValues.isEmpty() || (freshOther() && otherShare > 0);
    }

    /** Number of one-hot slots, null slot included. */
    @JsonIgnore
    public int choiceCount() {
        int n = continuous() ? components.size() : vector() ? 1 : categories.size() + (hasOther() ? 1 : 0);
        return n + (spec.nullable() ? 1 : 0);
    }

    @JsonIgnore
    public boolean hasChoice() {
        return !derived() && !identifier() && (spec.categorical() || choiceCount() > 1);
    }

    @JsonIgnore
    public int width() {
        return valueWidth() + (hasChoice() ? choiceCount() : 0);
    }

    /**
     * The share of real rows in each choice slot (categories, "other", null), in slot order: what
     * conditional sampling draws from. Categorical columns only.
     */
    public double[] choiceShares() {
        double[] s = new double[choiceCount()];
        double nonNull = 1 - nullShare;
        for (int k = 0; k < categories.size(); k++) {
            s[k] = categoryShares.get(k) * nonNull;
        }
        if (hasOther()) {
            s[categories.size()] = otherShare * nonNull;
        }
        if (spec.nullable()) {
            s[s.length - 1] = nullShare;
        }
        return s;
    }

    /**
     * Every non-null value the column was fitted with, as spelled after cleaning: the kept categories
     * (slot order) followed by the values folded into "other". Categorical columns only.
     */
    @JsonIgnore
    public List<String> knownValues() {
        List<String> all = new ArrayList<>(categories);
        all.addAll(otherValues);
        return all;
    }

    /** A category spelling as a value of the column's Spark type, as decoding would produce it. */
    public Object valueOf(String spelling) {
        return TypedValues.parse(spelling, spec);
    }

    /**
     * A continuous column's decoded value before calibration, clipping and rounding, or null for
     * the null slot: what the marginal calibration measures.
     */
    public Double uncalibrated(float[] in, int offset) {
        int choice = choiceOf(in, offset);
        return choice == nullSlot() ? null : value(in, offset, choice);
    }

    /** The chosen slot of the choice block of the slice at {@code offset} (the largest wins; 0 without a block). */
    public int choiceOf(float[] in, int offset) {
        return hasChoice() ? largest(in, offset + valueWidth(), choiceCount()) : 0;
    }

    /** The slot of the largest of {@code in[from..from+count)}, the first on a tie. */
    static int largest(float[] in, int from, int count) {
        int choice = 0;
        for (int k = 1; k < count; k++) {
            if (in[from + k] > in[from + choice]) {
                choice = k;
            }
        }
        return choice;
    }

    private TableArrays arrays() {
        TableArrays a = arrays;
        if (a == null) { // two tasks may each make one: both are right
            a = new TableArrays();
            arrays = a;
        }
        return a;
    }

    private double value(float[] in, int offset, int choice) {
        Component c = components.get(choice);
        return c.pointMass() ? c.center()
                : quantiles.isEmpty() ? c.center() + in[offset] * c.scale()
                : Quantiles.inverse(arrays().of(quantiles), (in[offset] + 1.0) / 2.0);
    }

    /** Whether decoding maps values through the marginal calibration. */
    @JsonIgnore
    public boolean calibrated() {
        return !generated.isEmpty() && !marginal.isEmpty();
    }

    @JsonIgnore
    int nullSlot() {
        return spec.nullable() ? choiceCount() - 1 : -1;
    }

    /** Writes the encoding of {@code value} (a Spark value or null) at {@code out[offset..offset+width)}. */
    public void encode(Object value, float[] out, int offset) {
        if (derived() || identifier()) {
            return;
        }
        int choiceOffset = offset + valueWidth();
        int choice;
        if (value == null) {
            if (!spec.nullable()) {
                throw new IllegalStateException("null in column " + spec.name() + " fitted as non-nullable");
            }
            choice = nullSlot();
        } else if (vector()) {
            VectorCodec.encode(value, spec, min, max, out, offset);
            choice = 0;
        } else if (continuous()) {
            double x = ((Number) value).doubleValue();
            choice = nearestComponent(x);
            Component c = components.get(choice);
            if (!c.pointMass() && hasValue()) {
                double alpha = quantiles.isEmpty() ? (x - c.center()) / c.scale()
                        : 2 * Quantiles.cdf(arrays().of(quantiles), x) - 1;
                out[offset] = (float) Math.max(-1, Math.min(1, alpha));
            }
        } else {
            int i = categories.indexOf(String.valueOf(value));
            choice = i >= 0 ? i : (hasOther() ? categories.size() : 0);
        }
        if (hasChoice()) {
            out[choiceOffset + choice] = 1f;
        }
    }

    private int nearestComponent(double x) {
        int best = -1;
        double bestDensity = -1;
        for (int k = 0; k < components.size(); k++) {
            Component c = components.get(k);
            if (c.pointMass()) {
                if (c.center() == x) {
                    return k;
                }
                continue;
            }
            double d = c.density(x);
            if (best < 0 || d > bestDensity) {
                best = k;
                bestDensity = d;
            }
        }
        if (best < 0) { // only point masses: take the closest one
            best = 0;
            for (int k = 1; k < components.size(); k++) {
                if (Math.abs(components.get(k).center() - x) < Math.abs(components.get(best).center() - x)) {
                    best = k;
                }
            }
        }
        return best;
    }

    /**
     * Decodes an encoded slice whose choice block is one-hot (or probabilities: the largest wins)
     * back to a value of the column's Spark type. {@code rng} picks the real spelling of "other".
     */
    public Object decode(float[] in, int offset, RandomGenerator rng) {
        return decode(in, offset, rng, 0);
    }

    /**
     * As {@link #decode(float[], int, RandomGenerator)} for global row {@code row}, which an
     * identifier's value is made from (its null drawn first, by the real null share).
     */
    public Object decode(float[] in, int offset, RandomGenerator rng, long row) {
        return decodeChoice(in, offset, choiceOf(in, offset), rng, row);
    }

    /**
     * As {@link #decode(float[], int, RandomGenerator, long)} with the slice's chosen slot already
     * found ({@link #choiceOf}), by a decoder that keeps the slot layout of every column.
     */
    Object decodeChoice(float[] in, int offset, int choice, RandomGenerator rng, long row) {
        if (identifier()) {
            return spec.nullable() && rng.nextDouble() < nullShare ? null : fresh.value(row, rng, spec);
        }
        if (choice == nullSlot()) {
            return null;
        }
        if (vector()) {
            return VectorCodec.decode(in, offset, spec, min, max);
        }
        if (continuous()) {
            double x = value(in, offset, choice);
            if (calibrated()) {
                x = Quantiles.inverse(arrays().of(marginal), Quantiles.cdf(arrays().of(generated), x, rng));
            }
            if (!support.isEmpty()) {
                x = Quantiles.nearest(arrays().of(support), x);
            }
            return TypedValues.numeric(Math.max(min, Math.min(max, x)), spec);
        }
        int v = valueIndex(choice, rng);
        return isFresh(v) ? fresh.value(-1, rng, spec) : TypedValues.parse(knownValue(v), spec);
    }

    /**
     * A categorical column's decoded value as its index among {@link #knownValues()}, or -1 for
     * null: the chosen category, or for the "other" slot a folded spelling drawn by weight with
     * {@code rng} (one draw, as {@link #decode} makes it). What fast decoders cache values by. With
     * fresh rare values the "other" slot is index {@code categories.size()} ({@link #isFresh}).
     */
    public int valueIndex(float[] in, int offset, RandomGenerator rng) {
        int choice = choiceOf(in, offset);
        return choice == nullSlot() ? -1 : valueIndex(choice, rng);
    }

    /** As {@link #valueIndex(float[], int, RandomGenerator)} for chosen slot {@code choice}, not the null slot. */
    int valueIndex(int choice, RandomGenerator rng) {
        return choice < categories.size() || freshOther() ? choice
                : categories.size() + TypedValues.pick(otherWeights, rng);
    }

    /** Whether value index {@code v} is the "other" slot of fresh values (drawn by {@link FreshValues#value}). */
    public boolean isFresh(int v) {
        return freshOther() && v == categories.size();
    }

    /** The spelling of known value {@code v} (kept categories, then folded ones). */
    public String knownValue(int v) {
        return v < categories.size() ? categories.get(v) : otherValues.get(v - categories.size());
    }
}
