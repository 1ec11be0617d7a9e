package io.sparksynth.preprocess;

import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import scala.Function1;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Decodes encoded rows straight into Spark's internal rows, for generation at speed: the same
 * values as {@link TableTransform#decode} (same arithmetic, same random draws in the same order),
 * but a categorical value is a cached internal value (a string's UTF-8 bytes made once, not per
 * row) and no external {@code Row} is built for Spark to convert again. Built on the executor
 * from the transform; not serializable.
 */
public final class RowDecoder {
    private final List<ColumnTransform> columns;
    private final int[] offsets;
    /** per categorical column, its known values (categories, then folded ones) as internal values; else null */
    private final Object[][] known;
    /** per other column, external value to internal value (null where the external value already is one) */
    private final Function1<Object, Object>[] converters;

    @SuppressWarnings("unchecked")
    public RowDecoder(TableTransform transform) {
        this.columns = transform.columns;
        int n = columns.size();
        this.offsets = new int[n];
        this.known = new Object[n][];
        this.converters = new Function1[n];
        int o = 0;
        for (int i = 0; i < n; i++) {
            ColumnTransform c = columns.get(i);
            offsets[i] = o;
            o += c.width();
            Function1<Object, Object> convert = CatalystTypeConverters.createToCatalystConverter(
                    c.spec.valueDataType());
            if (c.spec.categorical()) {
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
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            ColumnTransform c = columns.get(i);
            int o = offset + offsets[i];
            if (known[i] != null) {
                int v = c.valueIndex(encoded, o, rng);
                values[i] = v < 0 ? null : known[i][v];
            } else {
                Object x = c.decode(encoded, o, rng);
                values[i] = converters[i] == null || x == null ? x : converters[i].apply(x);
            }
        }
        return new GenericInternalRow(values);
    }

    /** Known value {@code v} of categorical column {@code column} as an internal value. */
    public Object known(int column, int v) {
        return known[column][v];
    }
}
