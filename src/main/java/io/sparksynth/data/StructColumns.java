package io.sparksynth.data;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * Struct columns are learned as their leaves and rebuilt on output. Flattening replaces a struct
 * column, in place, by one column per leaf, named by its path ({@code s.a}, {@code s.t.x}), and one
 * boolean column per struct (nested ones too), {@code s.#null}, true where the struct itself is null:
 * a null struct is then a learned share, and its leaves (all null there) follow it. Rebuilding
 * nests the leaves again with {@code struct(...)} in the input's field order, null where the
 * indicator says so. Leaves of unsupported types are left to the schema inspection like top-level
 * columns (excluded or refused); a struct whose leaves were all excluded is left out.
 */
public final class StructColumns {
    /** Suffix of a struct's null indicator column. */
    public static final String NULL_SUFFIX = ".#null";

    private StructColumns() {
    }

    public static boolean hasStructs(StructType schema) {
        return Arrays.stream(schema.fields()).anyMatch(f -> f.dataType() instanceof StructType);
    }

    /** The table with every struct column replaced by its leaves and null indicators (unchanged without structs). */
    public static Dataset<Row> flatten(Dataset<Row> df) {
        if (!hasStructs(df.schema())) {
            return df;
        }
        List<Column> cols = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            add(cols, col(quote(f.name())), f.name(), f.dataType());
        }
        return df.select(cols.toArray(new Column[0]));
    }

    private static void add(List<Column> cols, Column c, String name, DataType type) {
        if (!(type instanceof StructType st)) {
            cols.add(c.as(name));
            return;
        }
        for (StructField f : st.fields()) {
            add(cols, c.getField(f.name()), name + "." + f.name(), f.dataType());
        }
        cols.add(c.isNull().as(name + NULL_SUFFIX));
    }

    /**
     * Flat generated rows nested back into {@code source}'s struct columns (JSON of the input schema;
     * null: nothing to rebuild), columns in the input's order; only columns {@code flat} has are kept.
     */
    public static Dataset<Row> rebuild(Dataset<Row> flat, String source) {
        if (source == null) {
            return flat;
        }
        StructType schema = (StructType) DataType.fromJson(source);
        Set<String> present = new HashSet<>(Arrays.asList(flat.columns()));
        List<Column> cols = new ArrayList<>();
        for (StructField f : schema.fields()) {
            Column c = f.dataType() instanceof StructType st ? nest(st, f.name(), present)
                    : present.contains(f.name()) ? col(quote(f.name())) : null;
            if (c != null) {
                cols.add(c.as(f.name()));
            }
        }
        return flat.select(cols.toArray(new Column[0]));
    }

    private static Column nest(StructType type, String name, Set<String> present) {
        List<Column> fields = new ArrayList<>();
        for (StructField f : type.fields()) {
            String leaf = name + "." + f.name();
            Column c = f.dataType() instanceof StructType st ? nest(st, leaf, present)
                    : present.contains(leaf) ? col(quote(leaf)) : null;
            if (c != null) {
                fields.add(c.as(f.name()));
            }
        }
        if (fields.isEmpty()) {
            return null;
        }
        Column s = struct(fields.toArray(new Column[0]));
        String indicator = name + NULL_SUFFIX;
        return present.contains(indicator) ? when(col(quote(indicator)), lit(null)).otherwise(s) : s;
    }
}
