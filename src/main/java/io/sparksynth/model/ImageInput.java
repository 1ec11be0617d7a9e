package io.sparksynth.model;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The convolutional discriminator's view of a packed input: {@code pac} encoded rows (each
 * {@code rowWidth} values: the row, then its condition), turned into one image of
 * {@code pac x (channels + side)} planes, NCHW. Each row contributes its image's channels and one
 * constant plane per other value (the label, other columns, the condition), so that every
 * convolution sees the image together with what it is conditioned on, as conditional DCGANs
 * feed labels as extra planes. The backward pass returns the gradient for every input value (the
 * planes' sums for the constants), which the generator step needs.
 */
public final class ImageInput extends ImagePreProcessor {
    private static final long serialVersionUID = 1L;
    private final int rowWidth;
    private final int offset;
    private final int pac;

    @JsonCreator
    public ImageInput(@JsonProperty("rowWidth") int rowWidth, @JsonProperty("offset") int offset,
                      @JsonProperty("height") int height, @JsonProperty("width") int width,
                      @JsonProperty("channels") int channels, @JsonProperty("pac") int pac) {
        super(height, width, channels);
        this.rowWidth = rowWidth;
        this.offset = offset;
        this.pac = pac;
    }

    static ImageInput of(ImageSlot image, int rowWidth, int pac) {
        return new ImageInput(rowWidth, image.offset(), image.height(), image.width(), image.channels(), pac);
    }

    private int side() {
        return rowWidth - length();
    }

    /** Planes per packed row. */
    public int planes() {
        return channels + side();
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        long n = input.size(0);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), n, (long) pac * planes(),
                height, width);
        for (int p = 0; p < pac; p++) {
            long base = (long) p * rowWidth;
            long plane = (long) p * planes();
            INDArray image = input.get(NDArrayIndex.all(), NDArrayIndex.interval(base + offset, base + offset + length()))
                    .dup('c').reshape('c', n, height, width, channels).permute(0, 3, 1, 2);
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(plane, plane + channels)).assign(image);
            // the values before the image, then those after it, one constant plane each
            planesOf(input, out, base, offset, plane + channels);
            planesOf(input, out, base + offset + length(), rowWidth - offset - length(), plane + channels + offset);
        }
        return out;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        long n = output.size(0);
        INDArray grad = mgr.create(ArrayType.ACTIVATION_GRAD, output.dataType(), n, (long) pac * rowWidth);
        for (int p = 0; p < pac; p++) {
            long base = (long) p * rowWidth;
            long plane = (long) p * planes();
            INDArray image = output.get(NDArrayIndex.all(), NDArrayIndex.interval(plane, plane + channels))
                    .permute(0, 2, 3, 1).dup('c').reshape('c', n, length());
            grad.get(NDArrayIndex.all(), NDArrayIndex.interval(base + offset, base + offset + length())).assign(image);
            sumsOf(output, grad, base, offset, plane + channels);
            sumsOf(output, grad, base + offset + length(), rowWidth - offset - length(), plane + channels + offset);
        }
        return grad;
    }

    /** Input columns [from, from + count) as constant planes from {@code firstPlane} on. */
    private void planesOf(INDArray input, INDArray out, long from, long count, long firstPlane) {
        if (count == 0) {
            return;
        }
        long n = input.size(0);
        INDArray values = input.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count)).dup('c')
                .reshape('c', n, count, 1, 1);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(firstPlane, firstPlane + count), NDArrayIndex.all(),
                NDArrayIndex.all()).assign(values.broadcast(n, count, height, width));
    }

    /** The gradient of constant planes: each plane's sum, into gradient columns [from, from + count). */
    private static void sumsOf(INDArray output, INDArray grad, long from, long count, long firstPlane) {
        if (count == 0) {
            return;
        }
        INDArray sums = output.get(NDArrayIndex.all(), NDArrayIndex.interval(firstPlane, firstPlane + count),
                NDArrayIndex.all(), NDArrayIndex.all()).sum(2, 3);
        grad.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count)).assign(sums);
    }

    @Override
    public InputPreProcessor clone() {
        return new ImageInput(rowWidth, offset, height, width, channels, pac);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.convolutional(height, width, (long) pac * planes());
    }

    @JsonProperty("rowWidth")
    public int getRowWidth() {
        return rowWidth;
    }

    @JsonProperty("offset")
    public int getOffset() {
        return offset;
    }

    @JsonProperty("pac")
    public int getPac() {
        return pac;
    }
}
