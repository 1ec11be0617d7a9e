package io.sparksynth.model;

import io.sparksynth.SynthException;
import io.sparksynth.preprocess.Block;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.TableTransform;

import java.io.Serializable;
import java.util.List;

/**
 * Where the convolutional networks find their image in the encoded row: the tanh block of a
 * vector column with an image shape, {@code height x width x channels} values, row-major.
 */
public record ImageSlot(String column, int offset, int height, int width, int channels) implements Serializable {

    public int length() {
        return height * width * channels;
    }

    /** The one image column of a transform, for {@code gan.architecture = conv}; exit 2 when there is none or several. */
    static ImageSlot of(TableTransform transform) {
        List<Block> images = transform.blocks().stream()
                .filter(b -> !b.softmax() && !transform.columns.get(b.column()).spec.shape().isEmpty())
                .toList();
        if (images.size() != 1) {
            List<String> names = images.stream().map(b -> transform.columns.get(b.column()).spec.name()).toList();
            throw SynthException.usage("config key gan.architecture = \"conv\" needs exactly one image column "
                    + "(a vector column given a shape in schema.shapes, e.g. schema.shapes { pixels = [28, 28] }), "
                    + "found " + (names.isEmpty() ? "none" : names) + ": set the shape of one column, or use "
                    + "gan.architecture = \"dense\"");
        }
        Block b = images.get(0);
        ColumnTransform c = transform.columns.get(b.column());
        List<Integer> shape = c.spec.shape();
        return new ImageSlot(c.spec.name(), b.offset(), shape.get(0), shape.get(1), shape.size() > 2 ? shape.get(2) : 1);
    }
}
