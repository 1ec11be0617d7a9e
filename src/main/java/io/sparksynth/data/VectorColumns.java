package io.sparksynth.data;

import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

/**
 * Vector columns as Spark SQL sees them: arrays of a numeric element type and Spark ML vectors.
 * Every stage reads their elements through {@link #elements}, one {@code array<double>}
 * expression whatever the storage, so preprocessing, cleaning and evaluation treat both alike.
 */
public final class VectorColumns {
    private VectorColumns() {
    }

    /** Arrays of float, double or an integer type, and Spark ML vectors (decimals and nested arrays are not). */
    public static boolean isVector(DataType t) {
        if (t instanceof VectorUDT) {
            return true;
        }
        if (t instanceof ArrayType a) {
            DataType e = a.elementType();
            return e instanceof FloatType || e instanceof DoubleType || e instanceof IntegerType
                    || e instanceof LongType || e instanceof ShortType || e instanceof ByteType;
        }
        return false;
    }

    /** The elements of a vector column as {@code array<double>}; null where the value is null. */
    public static Column elements(ColumnSpec spec) {
        return elements(col(quote(spec.name())), spec.sparkType());
    }

    private static Column elements(Column c, String sparkType) {
        if (sparkType.equals(ColumnSpec.VECTOR_TYPE)) {
            // vector_to_array rejects null input, so it sees only the non-null values
            return when(c.isNotNull(), org.apache.spark.ml.functions.vector_to_array(c, "float64"));
        }
        return c.cast("array<double>");
    }

    /**
     * True where a value holds a null, NaN or infinite element (null where the value is null). Built
     * from array_max / array_min (NaN sorts above every number) and array_compact, which Spark
     * compiles, rather than a lambda over the elements, which it interprets element by element.
     */
    public static Column hasNonFinite(ColumnSpec spec) {
        Column e = elements(spec);
        Column max = array_max(e);
        return isnan(max).or(max.equalTo(Double.POSITIVE_INFINITY))
                .or(array_min(e).equalTo(Double.NEGATIVE_INFINITY))
                .or(size(array_compact(e)).notEqual(size(e)));
    }

    /** The non-null values of a vector column and their shortest and longest length. */
    public record Lengths(long nonNull, int min, int max) {
        public boolean fixed() {
            return min == max;
        }
    }

    /** The lengths of the non-null values of each column, all columns in one distributed pass. */
    public static Map<String, Lengths> lengths(Dataset<Row> data, List<String> names, List<String> sparkTypes) {
        Map<String, Lengths> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<Column> aggs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Column e = elements(col(quote(names.get(i))), sparkTypes.get(i));
            Column n = when(e.isNotNull(), size(e));
            aggs.add(count(e));
            aggs.add(min(n));
            aggs.add(max(n));
        }
        Row r = data.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        for (int i = 0; i < names.size(); i++) {
            long nonNull = r.getLong(3 * i);
            out.put(names.get(i), nonNull == 0 ? new Lengths(0, 0, 0)
                    : new Lengths(nonNull, r.getInt(3 * i + 1), r.getInt(3 * i + 2)));
        }
        return out;
    }
}
