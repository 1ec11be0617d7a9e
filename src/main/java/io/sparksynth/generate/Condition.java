package io.sparksynth.generate;

import java.io.Serializable;

/**
 * One requested value of a categorical column, located in the encoded row and, when the model
 * has one, in the conditional vector.
 *
 * @param column       the column's index in the model's schema
 * @param name         the column's name
 * @param spelling     the value as the model's cleaned real data spells it
 * @param value        the value in the column's Spark type, as every output row carries it
 * @param valueIndex   its index among the column's known values (kept categories, then folded ones)
 * @param offset       where the column's one-hot choice block starts in an encoded row
 * @param width        the width of that block
 * @param slot         the value's slot in the block (the "other" slot for a value folded into it)
 * @param vectorOffset where the column's block starts in the conditional vector; -1 without one
 * @param share        the share of real rows that hold the value
 */
record Condition(int column, String name, String spelling, Object value, int valueIndex, int offset, int width,
                 int slot, int vectorOffset, double share) implements Serializable {

    /** Whether row {@code row} of row-major encoded rows of {@code rowWidth} holds the value's slot. */
    boolean holds(float[] encoded, int row, int rowWidth) {
        return encoded[row * rowWidth + offset + slot] == 1f;
    }

    /** Sets the row's choice block to the value's slot. */
    void impose(float[] encoded, int row, int rowWidth) {
        int o = row * rowWidth + offset;
        java.util.Arrays.fill(encoded, o, o + width, 0f);
        encoded[o + slot] = 1f;
    }

    @Override
    public String toString() {
        return name + "=" + spelling;
    }
}
