package io.sparksynth.model;

import io.sparksynth.config.GanOptions;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;

/**
 * Builds the generator and discriminator as DL4J networks. Both end in a linear layer: the
 * generator's per-block activations (tanh, Gumbel-softmax) and the discriminator's sigmoid with
 * its binary cross-entropy are applied by {@link OutputActivation} and {@link GanStep}, because
 * a GAN step needs the discriminator's gradient with respect to its input, which DL4J's output
 * layers do not expose. Gradients are averaged by us, so DL4J's minibatch division is off.
 */
public final class GanNetworks {
    private GanNetworks() {
    }

    public static MultiLayerNetwork generator(GanOptions o, int inputDim, int outputDim, long seed) {
        return build(o.generatorLayers(), Activation.RELU, 0, inputDim, outputDim, o.generatorLearningRate(), o, seed);
    }

    public static MultiLayerNetwork discriminator(GanOptions o, int inputDim, long seed) {
        return build(o.discriminatorLayers(), o.leakyDiscriminator() ? Activation.LEAKYRELU : Activation.RELU,
                o.discriminatorDropout(), inputDim, 1, o.discriminatorLearningRate(), o, seed);
    }

    private static MultiLayerNetwork build(List<Integer> widths, Activation hidden, double dropout, int nIn, int nOut,
                                           double lr, GanOptions o, long seed) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(lr, o.adamBeta1(), o.adamBeta2(), 1e-8))
                .miniBatch(false)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .list();
        int in = nIn;
        for (int i = 0; i < widths.size(); i++) {
            DenseLayer.Builder layer = new DenseLayer.Builder().nIn(in).nOut(widths.get(i)).activation(hidden);
            if (dropout > 0 && i > 0) {
                layer.dropOut(1 - dropout); // DL4J takes the retain probability
            }
            b.layer(layer.build());
            in = widths.get(i);
        }
        b.layer(new DenseLayer.Builder().nIn(in).nOut(nOut).activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
