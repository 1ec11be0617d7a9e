package io.sparksynth.model;

import io.sparksynth.config.GanOptions;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.preprocess.TableTransform;
import io.sparksynth.train.TrainingSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * {@code gan.generator-residual}: CTGAN's generator blocks (dense, batch normalisation, ReLU, the
 * block's input concatenated to its output) as a DL4J graph. Its output layer reads every block
 * and the raw input; it survives serialisation (the saved file, not the config, says which shape
 * to restore, so plain generators saved by earlier versions still load); GAN steps move it.
 */
@Tag("fast")
class ResidualGeneratorTest {

    @Test
    void eachBlockConcatenatesItsInputSoTheOutputLayerSeesTheNoiseAndCondition() {
        TableTransform t = ConvNetworksTest.table(1);
        GanOptions o = options(true);
        GanLayout layout = GanLayout.of(t, o);
        GraphGenerator g = assertInstanceOf(GraphGenerator.class, GanNetworks.generator(o, layout, 3));
        ComputationGraph graph = (ComputationGraph) g.model();
        int in = layout.generatorInput();
        // blocks of 16 then 8: the output layer reads in + 16 + 8 values
        assertEquals(in + 16 + 8, graph.getLayer(GanNetworks.OUTPUT).getParam("W").rows());
        assertEquals(layout.width(), g.forward(new float[2 * in], 2, false).length / 2);
    }

    @Test
    void bothGeneratorShapesSurviveSerialisationAndComeBackAsTheyWere() {
        TableTransform t = ConvNetworksTest.table(1);
        for (boolean residual : new boolean[]{true, false}) {
            GanOptions o = options(residual);
            GanLayout layout = GanLayout.of(t, o);
            GeneratorNetwork g = GanNetworks.generator(o, layout, 3);
            // the restored generator is read with the other setting: the file decides
            GeneratorNetwork restored = GanModel.generatorFromBytes(GanModel.toBytes(g.model(), false),
                    GanLayout.of(t, options(!residual)));
            assertEquals(g.getClass(), restored.getClass());
            float[] in = ConvNetworksTest.gaussian(5 * layout.generatorInput(), new Random(2));
            assertArrayEquals(g.forward(in, 5, false), restored.forward(in, 5, false));
        }
    }

    @Test
    void ganStepsMoveTheResidualGeneratorAndItsBatchStatistics() {
        TableTransform t = ConvNetworksTest.table(1);
        TrainingSpec spec = TrainingSpec.of("residual", options(true), 8, 13, t);
        GeneratorNetwork g = spec.newGenerator();
        INDArray g0 = g.params().dup();
        INDArray mean0 = ((ComputationGraph) g.model()).getLayer("norm0").getParam("mean").dup();
        float[] in = ConvNetworksTest.gaussian(3 * spec.layout().generatorInput(), new Random(5));
        float[] before = g.forward(in, 3, false);
        ConvNetworksTest.threeSteps(spec, g, spec.newDiscriminator(), t);
        assertFalse(g0.equalsWithEps(g.params(), 1e-7), "generator moved");
        assertFalse(mean0.equalsWithEps(((ComputationGraph) g.model()).getLayer("norm0").getParam("mean"), 1e-7),
                "the running mean that generation uses follows the training batches");
        assertFalse(Arrays.equals(before, g.forward(in, 3, false)), "generated rows changed");
    }

    private static GanOptions options(boolean residual) {
        return SynthConfig.load(null, List.of("gan.generator-residual=" + residual, "gan.noise-dim=4",
                "gan.generator-layers=[16, 8]", "gan.discriminator-layers=[8]", "gan.discriminator-dropout=0",
                "gan.pac=2")).gan;
    }
}
