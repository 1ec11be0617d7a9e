package io.sparksynth.model;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The convolutional generator's image (NCHW, as DL4J's convolutions compute it) as the vector
 * column stores it: one row of {@code height x width x channels} values, row-major with the
 * channels innermost.
 */
public final class ImageRows extends ImagePreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonCreator
    public ImageRows(@JsonProperty("height") int height, @JsonProperty("width") int width,
                     @JsonProperty("channels") int channels) {
        super(height, width, channels);
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr mgr) {
        INDArray rows = input.permute(0, 2, 3, 1).dup('c').reshape('c', input.size(0), length());
        return mgr.leverageTo(ArrayType.ACTIVATIONS, rows);
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr mgr) {
        INDArray image = output.dup('c').reshape('c', output.size(0), height, width, channels).permute(0, 3, 1, 2)
                .dup('c');
        return mgr.leverageTo(ArrayType.ACTIVATION_GRAD, image);
    }

    @Override
    public InputPreProcessor clone() {
        return new ImageRows(height, width, channels);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.feedForward(length());
    }
}
