package io.sparksynth.data;

/**
 * How a column is modelled: one continuous value, one category, or a fixed-length numeric vector
 * (an array column or a Spark ML vector, such as an image's pixels) whose elements share one scale;
 * or an identifier, whose (nearly) all distinct values are generated fresh and unique, not learned.
 */
public enum ColumnKind {
    CONTINUOUS, CATEGORICAL, VECTOR, IDENTIFIER;

    public String label() {
        return name().toLowerCase();
    }
}
