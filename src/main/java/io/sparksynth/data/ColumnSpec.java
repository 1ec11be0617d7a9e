package io.sparksynth.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;

import java.io.Serializable;
import java.util.List;

/**
 * One modelled column as found in the real data.
 *
 * @param name      column name, as spelled in the input
 * @param sparkType Spark SQL type name (e.g. "double", "int", "string", "boolean", "date", "timestamp",
 *                  "array&lt;float&gt;", or "vector" for Spark ML's VectorUDT), restored on output
 * @param kind      continuous, categorical or vector
 * @param nullable  whether the real column holds nulls (after cleaning)
 * @param length    vector columns: the number of elements every non-null value has (0 for the other kinds;
 *                  left out of the JSON then, so scalar columns read and write as before vectors existed)
 * @param shape     vector columns configured as images ({@code schema.shapes}): [height, width] or
 *                  [height, width, channels], row-major, whose product is {@code length}; empty otherwise.
 *                  Recorded so that later stages (convolutional networks, image metrics) can read it
 * @param granularity date and timestamp columns: the unit they are learned and generated in, as whole
 *                  numbers of it ({@link TemporalColumns}); null for the other columns (and left out of the JSON)
 */
public record ColumnSpec(String name, String sparkType, ColumnKind kind, boolean nullable,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) int length,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> shape,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Granularity granularity) implements Serializable {
    /** The type name of Spark ML's vector columns. */
    public static final String VECTOR_TYPE = "vector";

    public ColumnSpec {
        shape = shape == null ? List.of() : List.copyOf(shape);
    }

    /** A continuous or categorical column. */
    public ColumnSpec(String name, String sparkType, ColumnKind kind, boolean nullable) {
        this(name, sparkType, kind, nullable, 0, List.of());
    }

    /** A column that is not temporal. */
    public ColumnSpec(String name, String sparkType, ColumnKind kind, boolean nullable, int length,
                      List<Integer> shape) {
        this(name, sparkType, kind, nullable, length, shape, null);
    }

    /** The same column with the nullability the fitted rows have. */
    public ColumnSpec withNullable(boolean n) {
        return new ColumnSpec(name, sparkType, kind, n, length, shape, granularity);
    }

    /** A date, timestamp or timestamp_ntz column, learned as whole numbers of its granularity. */
    public boolean temporal() {
        return granularity != null;
    }

    /**
     * The Spark type name of the values as the model learns them: a temporal column's number type
     * (int days, bigint units), the Spark type for the other columns.
     */
    public String valueType() {
        return temporal() ? TemporalColumns.numberType(sparkType) : sparkType;
    }

    /** Whether the column is modelled (and compared) as continuous values. */
    public boolean continuous() {
        return kind == ColumnKind.CONTINUOUS;
    }

    public boolean categorical() {
        return kind == ColumnKind.CATEGORICAL;
    }

    public boolean vector() {
        return kind == ColumnKind.VECTOR;
    }

    /**
     * The type of a value as learned, or of a vector's elements: "double" for Spark ML vectors, "float"
     * for array&lt;float&gt;.
     */
    public String elementType() {
        if (sparkType.equals(VECTOR_TYPE)) {
            return "double";
        }
        return sparkType.startsWith("array<") ? sparkType.substring(6, sparkType.length() - 1) : valueType();
    }

    /** Integral Spark types (of the value, or of a vector's elements) keep integer values on output. */
    public boolean integral() {
        return switch (elementType()) {
            case "tinyint", "smallint", "int", "bigint", "byte", "short", "integer", "long" -> true;
            default -> false;
        };
    }

    /** The Spark type to write (the real one): parsed from its name, Spark ML's vector type for "vector". */
    public DataType dataType() {
        return sparkType.equals(VECTOR_TYPE) ? SQLDataTypes.VectorType() : DataType.fromDDL(sparkType);
    }

    /** The Spark type of the values as learned ({@link #valueType()}): what decoding produces. */
    public DataType valueDataType() {
        return temporal() ? DataType.fromDDL(valueType()) : dataType();
    }
}
