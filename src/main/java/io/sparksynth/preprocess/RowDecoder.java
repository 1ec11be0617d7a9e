package io.sparksynth.preprocess;

import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Decodes encoded rows straight into Spark's internal rows, for generation at speed: the same
 * values as {@link TableTransform#decode} (same arithmetic, same random draws in the same order),
 * but a categorical value is a cached internal value (a string's UTF-8 bytes made once, not per
 * row), a derived column's value is looked up by its source's value index, and no external
 * {@code Row} is built for Spark to convert again. Built on the executor from the transform; not
 * serializable, one per thread.
 */
public final class RowDecoder {
    private final List<ColumnTransform> columns;
    private final int[] offsets;
    /** per learned categorical column, its known values (categories, then folded ones) as internal values */
    private final Object[][] known;
    /** per derived column, the index of its source, else -1 */
    private final int[] source;
    /** per derived column, its internal value for each of the source's known values, then for a null source */
    private final Object[][] derived;
    /** per other column, external value to internal value (null where the external value already is one) */
    private final Function1<Object, Object>[] converters;
    /** per row being decoded, each categorical column's value index (-1 for null) */
    private final int[] chosen;
    /** per column, where its choice slots start within its slice, how many there are (0: no choice), its null slot */
    private final int[] choiceStart;
    private final int[] choiceCount;
    private final int[] nullSlot;

    @SuppressWarnings("unchecked")
    public RowDecoder(TableTransform transform) {
        this.columns = transform.columns;
        int n = columns.size();
        this.offsets = new int[n];
        this.known = new Object[n][];
        this.source = transform.derivationSources();
        this.derived = new Object[n][];
        this.converters = new Function1[n];
        this.chosen = new int[n];
        this.choiceStart = new int[n];
        this.choiceCount = new int[n];
        this.nullSlot = new int[n];
        int o = 0;
        for (int i = 0; i < n; i++) {
            ColumnTransform c = columns.get(i);
            offsets[i] = o;
            o += c.width();
            choiceStart[i] = c.valueWidth();
            choiceCount[i] = c.hasChoice() ? c.choiceCount() : 0;
            nullSlot[i] = c.nullSlot();
            Function1<Object, Object> convert = CatalystTypeConverters.createToCatalystConverter(
                    c.spec.valueDataType());
            if (c.derived()) {
                ColumnTransform from = columns.get(source[i]);
                List<String> values = from.knownValues();
                derived[i] = new Object[values.size() + 1];
                for (int v = 0; v < values.size(); v++) {
                    derived[i][v] = convert.apply(c.deriveFrom(TypedValues.parse(values.get(v), from.spec)));
                }
                derived[i][values.size()] = convert.apply(c.deriveFrom(null));
            } else if (c.spec.categorical()) {
                List<String> values = c.knownValues();
                known[i] = new Object[values.size()];
                for (int v = 0; v < values.size(); v++) {
                    known[i][v] = convert.apply(TypedValues.parse(values.get(v), c.spec));
                }
            } else if (!plainNumber(c)) {
                converters[i] = convert;
            }
        }
    }

    /** Continuous columns of Spark types whose Java value is also the internal one (decimals are not). */
    private static boolean plainNumber(ColumnTransform c) {
        return c.continuous() && !c.spec.valueType().startsWith("decimal");
    }

    /** The encoded row at {@code offset} as an internal row of the transform's decoded schema. */
    public GenericInternalRow decode(float[] encoded, int offset, RandomGenerator rng) {
        return decode(encoded, offset, rng, 0);
    }

    /** As {@link #decode(float[], int, RandomGenerator)}, as global row {@code row} (identifiers are made from it). */
    public GenericInternalRow decode(float[] encoded, int offset, RandomGenerator rng, long row) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnTransform c = columns.get(i);
            int o = offset + offsets[i];
            if (source[i] >= 0) {
                continue; // below, once its source is known
            }
            int choice = choiceCount[i] == 0 ? 0 : ColumnTransform.largest(encoded, o + choiceStart[i], choiceCount[i]);
            if (known[i] != null) {
                int v = choice == nullSlot[i] ? -1 : c.valueIndex(choice, rng);
                chosen[i] = v;
                // fresh "other" values are made per row, after the same draws as the reference decode
                values[i] = v < 0 ? null : c.isFresh(v) ? UTF8String.fromString((String) c.fresh.value(-1, rng, c.spec))
                        : known[i][v];
            } else {
                Object x = c.decodeChoice(encoded, o, choice, rng, row);
                values[i] = converters[i] == null || x == null ? x : converters[i].apply(x);
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (source[i] >= 0) {
                values[i] = derivedValue(i, chosen[source[i]]);
            }
        }
        return new GenericInternalRow(values);
    }

    /** Sets categorical column {@code column} of {@code row} to its known value {@code v}, and what derives from it. */
    public void set(GenericInternalRow row, int column, int v) {
        row.update(column, known[column][v]);
        for (int i = 0; i < source.length; i++) {
            if (source[i] == column) {
                row.update(i, derivedValue(i, v));
            }
        }
    }

    private Object derivedValue(int column, int v) {
        Object[] d = derived[column];
        return d[v < 0 ? d.length - 1 : v];
    }
}
