package io.sparksynth.model;

import io.sparksynth.config.GanOptions;
import io.sparksynth.config.SynthConfig;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GAN step computes the discriminator's loss itself (DL4J's output layers do not expose input
 * gradients). Its update must be exactly DL4J's own: the same network trained with fit() on a
 * sigmoid / binary cross-entropy output layer reaches the same parameters step by step.
 */
@Tag("fast")
class DiscriminatorUpdateTest {

    @Test
    void manualBinaryCrossEntropyStepEqualsDl4jFit() {
        GanOptions o = SynthConfig.load(null, List.of("gan.discriminator-dropout=0",
                "gan.discriminator-layers=[32, 16]")).gan;
        MultiLayerNetwork ours = GanNetworks.discriminator(o, 4, 7);
        MultiLayerNetwork reference = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .updater(new Adam(o.discriminatorLearningRate(), o.adamBeta1(), o.adamBeta2(), 1e-8)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(16).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
        reference.init();
        reference.setParams(ours.params().dup());

        Random r = new Random(5);
        int rows = 64;
        double lastLoss = Double.NaN;
        double firstLoss = Double.NaN;
        for (int it = 0; it < 60; it++) {
            float[] x = new float[rows * 4];
            float[] y = new float[rows];
            for (int i = 0; i < rows; i++) {
                boolean real = i < rows / 2;
                y[i] = real ? 1 : 0;
                for (int k = 0; k < 4; k++) {
                    x[i * 4 + k] = (float) ((real ? 0.5 : -0.5) + 0.3 * r.nextGaussian());
                }
            }
            double[] loss = GanStep.discriminatorUpdate(ours, x, rows, 4, y, false, it, null,
                    LayerWorkspaceMgr.noWorkspaces());
            reference.fit(new DataSet(Nd4j.create(x, new long[]{rows, 4}, 'c'), Nd4j.create(y, new long[]{rows, 1}, 'c')));
            double mean = java.util.Arrays.stream(loss).average().orElseThrow();
            assertEquals(reference.score(), mean, 1e-4, "loss at step " + it);
            double diff = ours.params().sub(reference.params()).amaxNumber().doubleValue();
            assertTrue(diff < 1e-4, "parameters drifted from DL4J's fit at step " + it + ": " + diff);
            if (it == 0) {
                firstLoss = mean;
            }
            lastLoss = mean;
        }
        assertTrue(lastLoss < firstLoss - 0.05, "the discriminator learns to separate: " + firstLoss + " -> " + lastLoss);
    }
}
