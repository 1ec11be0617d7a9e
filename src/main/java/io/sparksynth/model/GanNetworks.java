package io.sparksynth.model;

import io.sparksynth.SynthException;
import io.sparksynth.config.GanOptions;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the generator and discriminator as DL4J networks. Both end in a linear layer: the
 * generator's per-block activations (tanh, Gumbel-softmax) and the discriminator's sigmoid with
 * its binary cross-entropy are applied by {@link OutputActivation} and {@link GanStep}, because
 * a GAN step needs the discriminator's gradient with respect to its input, which DL4J's output
 * layers do not expose. Gradients are averaged by us, so DL4J's minibatch division is off.
 *
 * <p>{@code gan.architecture = conv} (DCGAN's ideas, for one image column): the generator's dense
 * trunk feeds a projection to a small image that is upsampled (nearest neighbour, then a 3 x 3
 * convolution: no checkerboard artefacts of transposed convolutions) with batch normalisation and
 * ReLU, beside a dense head for the other columns; the discriminator reads the image with strided
 * 4 x 4 convolutions and LeakyReLU(0.2), the other values as constant planes ({@link ImageInput}).
 * No batch normalisation in the discriminator: its batches mix real and generated rows.
 */
public final class GanNetworks {
    /** The name of the convolutional generator's output vertex. */
    static final String OUTPUT = "rows";

    private GanNetworks() {
    }

    public static GeneratorNetwork generator(GanOptions o, GanLayout layout, long seed) {
        if (layout.conv()) {
            return convGenerator(o, layout, seed);
        }
        return o.residualGenerator() ? residualGenerator(o, layout.generatorInput(), layout.width(), seed)
                : new DenseGenerator(generator(o, layout.generatorInput(), layout.width(), seed));
    }

    public static MultiLayerNetwork discriminator(GanOptions o, GanLayout layout, long seed) {
        if (layout.conv() && o.r1Penalty() > 0) {
            throw SynthException.usage("config key gan.r1-penalty applies to the dense discriminator: set it to 0 "
                    + "with gan.architecture = \"conv\"");
        }
        if (layout.conv() && o.wasserstein()) {
            throw SynthException.usage("config key gan.loss = \"wasserstein\" needs the gradient penalty of the dense "
                    + "discriminator: use gan.loss = \"auto\" or \"bce\" with gan.architecture = \"conv\"");
        }
        return layout.conv() ? convDiscriminator(o, layout, seed)
                : discriminator(o, layout.discriminatorInput(), seed);
    }

    public static MultiLayerNetwork generator(GanOptions o, int inputDim, int outputDim, long seed) {
        return build(o.generatorLayers(), Activation.RELU, 0, inputDim, outputDim, o.generatorLearningRate(), o, seed);
    }

    public static MultiLayerNetwork discriminator(GanOptions o, int inputDim, long seed) {
        return build(o.discriminatorLayers(), o.leakyDiscriminator() ? Activation.LEAKYRELU : Activation.RELU,
                o.discriminatorDropout(), inputDim, 1, o.discriminatorLearningRate(), o, seed);
    }

    private static NeuralNetConfiguration.Builder base(GanOptions o, double lr, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(lr, o.adamBeta1(), o.adamBeta2(), 1e-8))
                .miniBatch(false)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE);
    }

    private static MultiLayerNetwork build(List<Integer> widths, Activation hidden, double dropout, int nIn, int nOut,
                                           double lr, GanOptions o, long seed) {
        NeuralNetConfiguration.ListBuilder b = base(o, lr, seed).list();
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

    /**
     * CTGAN's generator: each hidden layer is dense, batch-normalised and ReLU, and its output is
     * concatenated with its input, so every layer (and the output) still sees the noise and the
     * condition; batch normalisation keeps the layers' scales steady while the discriminator moves.
     */
    static GraphGenerator residualGenerator(GanOptions o, int inputDim, int outputDim, long seed) {
        ComputationGraphConfiguration.GraphBuilder b = base(o, o.generatorLearningRate(), seed).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(inputDim));
        String prev = "in";
        for (int i = 0; i < o.generatorLayers().size(); i++) {
            b.addLayer("dense" + i, new DenseLayer.Builder().nOut(o.generatorLayers().get(i))
                    .activation(Activation.IDENTITY).build(), prev);
            b.addLayer("norm" + i, new BatchNormalization.Builder().activation(Activation.RELU).build(), "dense" + i);
            b.addVertex("block" + i, new MergeVertex(), "norm" + i, prev);
            prev = "block" + i;
        }
        b.addLayer(OUTPUT, new DenseLayer.Builder().nOut(outputDim).activation(Activation.IDENTITY).build(), prev);
        b.setOutputs(OUTPUT);
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        return new GraphGenerator(graph, inputDim);
    }

    /** How many times the generator doubles its image: once per filter stage while both sides stay whole. */
    static int upsamplings(ImageSlot image, int stages) {
        int n = 0;
        while (n < stages && (image.height() >> n) % 2 == 0 && (image.width() >> n) % 2 == 0) {
            n++;
        }
        return n;
    }

    static GraphGenerator convGenerator(GanOptions o, GanLayout layout, long seed) {
        ImageSlot image = layout.image();
        ComputationGraphConfiguration.GraphBuilder b = base(o, o.generatorLearningRate(), seed).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(layout.generatorInput()));
        String trunk = "in";
        for (int i = 0; i < o.generatorLayers().size(); i++) {
            b.addLayer("dense" + i, new DenseLayer.Builder().nOut(o.generatorLayers().get(i))
                    .activation(Activation.RELU).build(), trunk);
            trunk = "dense" + i;
        }
        List<Integer> filters = o.generatorFilters();
        int ups = upsamplings(image, filters.size());
        int h0 = image.height() >> ups;
        int w0 = image.width() >> ups;
        b.addLayer("project", new DenseLayer.Builder().nOut((long) filters.get(0) * h0 * w0)
                .activation(Activation.IDENTITY).build(), trunk);
        b.addLayer("project-norm", new BatchNormalization.Builder().activation(Activation.RELU).build(), "project");
        String prev = "project-norm";
        for (int i = 0; i < filters.size(); i++) {
            FeedForwardToCnnPreProcessor toImage = i == 0 ? new FeedForwardToCnnPreProcessor(h0, w0, filters.get(0))
                    : null;
            if (i < ups) {
                b.addLayer("up" + i, new Upsampling2D.Builder(2).build(), toImage, prev);
                prev = "up" + i;
                toImage = null;
            }
            b.addLayer("conv" + i, new ConvolutionLayer.Builder(3, 3).nOut(filters.get(i))
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), toImage, prev);
            b.addLayer("conv-norm" + i, new BatchNormalization.Builder().activation(Activation.RELU).build(), "conv" + i);
            prev = "conv-norm" + i;
        }
        b.addLayer("image", new ConvolutionLayer.Builder(3, 3).nOut(image.channels())
                .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), prev);
        ImageRows rows = new ImageRows(image.height(), image.width(), image.channels());
        int side = layout.width() - image.length();
        if (side == 0) {
            b.addVertex(OUTPUT, new PreprocessorVertex(rows), "image");
        } else {
            b.addVertex("image-rows", new PreprocessorVertex(rows), "image");
            b.addLayer("side", new DenseLayer.Builder().nOut(side).activation(Activation.IDENTITY).build(), trunk);
            List<String> parts = new ArrayList<>();
            int before = image.offset();
            if (before > 0) {
                b.addVertex("before", new SubsetVertex(0, before - 1), "side");
                parts.add("before");
            }
            parts.add("image-rows");
            if (side > before) {
                b.addVertex("after", new SubsetVertex(before, side - 1), "side");
                parts.add("after");
            }
            b.addVertex(OUTPUT, new MergeVertex(), parts.toArray(String[]::new));
        }
        b.setOutputs(OUTPUT);
        ComputationGraph graph = new ComputationGraph(b.build());
        graph.init();
        return new GraphGenerator(graph, layout.generatorInput());
    }

    static MultiLayerNetwork convDiscriminator(GanOptions o, GanLayout layout, long seed) {
        IActivation leaky = new ActivationLReLU(0.2);
        NeuralNetConfiguration.ListBuilder b = base(o, o.discriminatorLearningRate(), seed).list();
        for (int f : o.discriminatorFilters()) {
            b.layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(f).convolutionMode(ConvolutionMode.Same)
                    .activation(leaky).build());
        }
        for (int w : o.discriminatorLayers()) {
            DenseLayer.Builder layer = new DenseLayer.Builder().nOut(w).activation(leaky);
            if (o.discriminatorDropout() > 0) {
                layer.dropOut(1 - o.discriminatorDropout());
            }
            b.layer(layer.build());
        }
        b.layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build());
        int rowWidth = layout.width() + layout.conditionWidth();
        b.inputPreProcessor(0, ImageInput.of(layout.image(), rowWidth, layout.pac()));
        b.setInputType(InputType.feedForward(layout.discriminatorInput()));
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }
}
