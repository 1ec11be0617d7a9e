package io.sparksynth.data;

/**
 * How a column is modelled: one continuous value, one category, or a fixed-length numeric vector
 * (an array column or a Spark ML vector, such as an image's pixels) whose elements share one scale.
 */
public enum ColumnKind {
    CONTINUOUS, CATEGORICAL, VECTOR;

    public String label() {
        return name().toLowerCase();
    }
}
