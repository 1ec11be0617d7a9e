package io.sparksynth.generate;

import io.sparksynth.SynthException;
import io.sparksynth.model.ConditionSampler;
import io.sparksynth.model.Seeds;
import io.sparksynth.preprocess.Block;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.RowDecoder;
import io.sparksynth.preprocess.TableTransform;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The categorical values one group of output rows must hold, and how each is enforced.
 * <p>
 * With a conditional vector, one condition <em>steers</em>: every candidate row is generated with
 * that value's one-hot as its condition, the way training taught the generator (a cross-entropy
 * term makes it honour the vector, and the discriminator judges the rest of the row against real
 * rows of that value), and the value is then set by construction in the few rows whose sampled
 * choice differs. The steering condition is the rarest value asked for, so the others, being
 * commoner, reject fewest rows.
 * <p>
 * Every other condition is enforced by <em>rejection</em>: candidate rows that do not hold it are
 * dropped. Setting those values by construction as well would be cheaper, but it would pair them
 * with columns generated for a different row (relationship=Husband with sex=Female); rejection
 * keeps only rows the model produced with all the values, i.e. the model's own joint distribution
 * given every condition. Without a conditional vector ({@code gan.conditional = false}) every
 * condition is enforced by rejection, so the other columns still follow the model's rows of that
 * value, only at the cost of more candidates.
 */
final class Conditions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** At most this many names or values in an error message. */
    private static final int LISTED = 40;

    /** in column order, so the same request gives the same seeds whatever order it was written in */
    private final List<Condition> all;
    private final Condition steered;
    private final List<Condition> rejected;

    private Conditions(List<Condition> all, boolean vector) {
        this.all = all.stream().sorted(Comparator.comparingInt(Condition::column)).toList();
        this.steered = vector ? this.all.stream().min(Comparator.comparingDouble(Condition::share)).orElse(null)
                : null;
        this.rejected = this.all.stream().filter(c -> c != steered).toList();
    }

    /** Resolves {@code where} against the model; an unknown column, a continuous one or an unseen value is exit 2. */
    static Conditions resolve(String flag, Map<String, String> where, TableTransform transform,
                              ConditionSampler sampler) {
        List<Condition> all = new ArrayList<>();
        for (Map.Entry<String, String> e : where.entrySet()) {
            Condition c = condition(flag, e.getKey(), e.getValue(), transform, sampler);
            Condition same = all.stream().filter(o -> o.column() == c.column()).findFirst().orElse(null);
            if (same == null) {
                all.add(c);
            } else if (same.valueIndex() != c.valueIndex()) {
                throw SynthException.usage(flag + ": " + e.getKey() + "=" + e.getValue() + " means " + c
                        + ", which contradicts " + same + ": no row holds both");
            }
        }
        return new Conditions(all, sampler.dim() > 0);
    }

    private static Condition condition(String flag, String name, String spelling, TableTransform transform,
                                       ConditionSampler sampler) {
        int column = categoricalColumn(flag, name, transform);
        ColumnTransform c = transform.columns.get(column);
        List<String> known = c.knownValues();
        int v = known.indexOf(spelling);
        if (v < 0) {
            throw SynthException.usage(flag + ": column '" + name + "' has no value '" + spelling
                    + "' in the model (values are spelled as in the cleaned real data); its values: "
                    + listed(known.stream().map(s -> "'" + s + "'").toList()));
        }
        if (c.derived()) {
            return condition(flag, c.derivedFrom, sourceValue(flag, c, spelling), transform, sampler);
        }
        int slot = Math.min(v, c.categories.size());
        double share = c.choiceShares()[slot];
        if (v >= c.categories.size()) { // folded into "other": its part of the other slot's share
            double total = c.otherWeights.stream().mapToDouble(Double::doubleValue).sum();
            share *= c.otherWeights.get(v - c.categories.size()) / total;
        }
        Block block = transform.conditionBlocks().stream().filter(b -> b.column() == column).findFirst()
                .orElseThrow();
        return new Condition(column, name, spelling, c.valueOf(spelling), v, block.offset(), block.width(), slot,
                vectorOffset(sampler, column), share);
    }

    /** The index of a categorical column; an unknown or continuous one is exit 2, naming the candidates. */
    static int categoricalColumn(String flag, String name, TableTransform transform) {
        List<String> names = transform.columns.stream().map(c -> c.spec.name()).toList();
        int column = names.indexOf(name);
        if (column < 0) {
            throw SynthException.usage(flag + ": unknown column '" + name + "'; the model's columns: "
                    + listed(names));
        }
        if (transform.columns.get(column).continuous()) {
            throw SynthException.usage(flag + ": column '" + name + "' is continuous; conditions apply to "
                    + "categorical columns: " + listed(transform.columns.stream().filter(c -> !c.continuous())
                    .map(c -> c.spec.name()).toList()));
        }
        return column;
    }

    /**
     * A derived column's value is a condition on its source: the one source value mapped to it;
     * a value several source values map to is exit 2, naming them.
     */
    private static String sourceValue(String flag, ColumnTransform c, String spelling) {
        List<String> sources = new ArrayList<>();
        for (int k = 0; k < c.derivedKeys.size(); k++) {
            if (spelling.equals(c.derivedValues.get(k))) {
                sources.add(c.derivedKeys.get(k));
            }
        }
        if (sources.size() != 1 || sources.get(0) == null) {
            throw SynthException.usage(flag + ": column '" + c.spec.name() + "' is derived from '" + c.derivedFrom
                    + "' (a function of it in every real row), and " + c.spec.name() + "=" + spelling + " comes from "
                    + sources.size() + " of its values: condition on " + c.derivedFrom + " instead, one of "
                    + listed(sources.stream().map(s -> "'" + s + "'").toList()));
        }
        return sources.get(0);
    }

    private static int vectorOffset(ConditionSampler sampler, int column) {
        int offset = 0;
        for (Block b : sampler.blocks()) {
            if (b.column() == column) {
                return offset;
            }
            offset += b.width();
        }
        return -1;
    }

    private static String listed(List<String> items) {
        String head = items.stream().limit(LISTED).collect(Collectors.joining(", "));
        return items.size() > LISTED ? head + " ... (" + items.size() + " in all)" : head;
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** Whether some condition drops candidate rows (so a group can run short of them). */
    boolean rejects() {
        return !rejected.isEmpty();
    }

    /**
     * The base seed of this group's blocks: derived from the generation seed and the conditions
     * (columns and values, in column order), so groups with different values draw independent
     * noise and the same request draws the same noise however it was written.
     */
    long seed(long seed) {
        long[] path = new long[2 * all.size()];
        for (int i = 0; i < all.size(); i++) {
            path[2 * i] = all.get(i).column();
            path[2 * i + 1] = all.get(i).valueIndex();
        }
        return Seeds.derive(seed, path);
    }

    /** The conditional vector of {@code rows} rows, all steered to the same value (zeros without steering). */
    float[] vector(int rows, int dim) {
        float[] cond = new float[rows * dim];
        if (steered != null) {
            for (int i = 0; i < rows; i++) {
                cond[i * dim + steered.vectorOffset() + steered.slot()] = 1f;
            }
        }
        return cond;
    }

    /** Sets the steering value in an encoded row and tells whether the row holds every other value. */
    boolean imposeAndAccept(float[] encoded, int row, int rowWidth) {
        if (steered != null) {
            steered.impose(encoded, row, rowWidth);
        }
        for (Condition c : rejected) {
            if (!c.holds(encoded, row, rowWidth)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decoded row with each condition's value written in: decoding already gives it for a kept
     * category, and for a value folded into "other" it replaces the spelling decoding drew (given
     * the "other" slot, that draw is independent of the rest of the row, so fixing it is conditioning).
     */
    GenericInternalRow fix(GenericInternalRow decoded, RowDecoder decoder) {
        for (Condition c : all) {
            decoder.set(decoded, c.column(), c.valueIndex()); // and what is derived from it
        }
        return decoded;
    }

    /** How each condition is enforced, for progress lines. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (steered != null) {
            parts.add(steered + " through the conditional vector");
        }
        if (!rejected.isEmpty()) {
            parts.add(rejected.stream().map(Condition::toString).collect(Collectors.joining(", "))
                    + " by rejection");
        }
        return String.join("; ", parts);
    }
}
