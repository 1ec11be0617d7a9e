package io.sparksynth.sink;

import io.sparksynth.SynthException;
import io.sparksynth.io.TableName;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether synthetic rows fit an existing table: the same columns in the same order with the same
 * types (nullability aside: a metastore keeps every column nullable). A mismatch is exit 2 naming
 * the table and the first column at fault, before anything is written.
 */
final class TableSchemas {
    /** The partition column of {@code --run-id}. */
    static final String RUN_COLUMN = "dt";

    private TableSchemas() {
    }

    static void requireSame(TableName table, StructType tableColumns, StructType rows) {
        Map<String, StructField> inTable = byName(tableColumns);
        Map<String, StructField> inRows = byName(rows);
        for (StructField r : rows.fields()) {
            StructField t = inTable.get(key(r.name()));
            if (t == null) {
                throw mismatch(table, "has no column '" + r.name() + "' (" + type(r) + "), which the model writes");
            }
            if (!type(t).equals(type(r))) {
                throw mismatch(table, "has column '" + t.name() + "' as " + type(t) + ", the model writes it as "
                        + type(r));
            }
        }
        for (StructField t : tableColumns.fields()) {
            if (!inRows.containsKey(key(t.name()))) {
                throw mismatch(table, "has column '" + t.name() + "' (" + type(t) + "), which the model does not write");
            }
        }
        if (!names(tableColumns).equals(names(rows))) {
            throw mismatch(table, "has the model's columns in another order: " + names(tableColumns) + " against "
                    + names(rows));
        }
    }

    /** With {@code --run-id} the table gets a {@code dt} column: the rows must not have one. */
    static void requireNoRunColumn(TableName table, StructType rows) {
        if (byName(rows).containsKey(RUN_COLUMN)) {
            throw SynthException.usage("the model writes a column named '" + RUN_COLUMN + "', the partition column of "
                    + "--run-id in table " + table + ": leave out --run-id, or exclude or rename the column");
        }
    }

    /** Column definitions for CREATE TABLE, every column nullable. */
    static String ddl(StructType columns) {
        return Arrays.stream(columns.fields()).map(f -> CatalogTables.quote(f.name()) + " " + f.dataType().sql())
                .collect(Collectors.joining(", "));
    }

    private static SynthException mismatch(TableName table, String what) {
        return SynthException.usage("table " + table + " " + what + ": write to a new table (--output table:db.other) "
                + "or drop " + table + " first");
    }

    private static Map<String, StructField> byName(StructType s) {
        return Arrays.stream(s.fields()).collect(Collectors.toMap(f -> key(f.name()), Function.identity(),
                (a, b) -> a));
    }

    /** Spark and Hive compare column names without case. */
    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String names(StructType s) {
        return Arrays.stream(s.fields()).map(f -> key(f.name())).toList().toString();
    }

    private static String type(StructField f) {
        return f.dataType().catalogString();
    }
}
