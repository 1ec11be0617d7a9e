package io.sparksynth.data;

/** How a column is modelled. */
public enum ColumnKind {
    CONTINUOUS, CATEGORICAL;

    public String label() {
        return name().toLowerCase();
    }
}
