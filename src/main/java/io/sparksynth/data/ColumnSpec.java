package io.sparksynth.data;

import java.io.Serializable;

/**
 * One modelled column as found in the real data.
 *
 * @param name      column name, as spelled in the input
 * @param sparkType Spark SQL type name (e.g. "double", "int", "string", "boolean"), restored on output
 * @param kind      continuous or categorical
 * @param nullable  whether the real column holds nulls (after cleaning)
 */
public record ColumnSpec(String name, String sparkType, ColumnKind kind, boolean nullable) implements Serializable {
    /** Whether the column is modelled (and compared) as continuous values. */
    public boolean continuous() {
        return kind == ColumnKind.CONTINUOUS;
    }

    /** Integral Spark types keep integer values on output. */
    public boolean integral() {
        return switch (sparkType) {
            case "tinyint", "smallint", "int", "bigint", "byte", "short", "integer", "long" -> true;
            default -> false;
        };
    }
}
