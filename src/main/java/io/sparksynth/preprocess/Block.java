package io.sparksynth.preprocess;

import java.io.Serializable;

/**
 * A slice of the encoded row that the generator produces with one activation: a tanh for each
 * value ({@code softmax} false: a continuous value, width 1, or a vector's elements, width = its
 * length), a softmax over a one-hot choice.
 */
public record Block(int offset, int width, boolean softmax, int column) implements Serializable {
}
