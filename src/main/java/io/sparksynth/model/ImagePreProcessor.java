package io.sparksynth.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * What the two image preprocessors share: the image's shape, serialised with the network's
 * configuration (DL4J writes preprocessors as JSON by class name), and no masks (rows are whole).
 */
abstract class ImagePreProcessor implements InputPreProcessor {
    private static final long serialVersionUID = 1L;
    protected final int height;
    protected final int width;
    protected final int channels;

    ImagePreProcessor(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** Values of one image. */
    protected final int length() {
        return height * width * channels;
    }

    @Override
    public abstract InputPreProcessor clone();

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @JsonProperty("height")
    public int getHeight() {
        return height;
    }

    @JsonProperty("width")
    public int getWidth() {
        return width;
    }

    @JsonProperty("channels")
    public int getChannels() {
        return channels;
    }
}
