package io.sparksynth.model;

import io.sparksynth.SynthException;
import io.sparksynth.config.GanOptions;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.Component;
import io.sparksynth.preprocess.TableTransform;
import io.sparksynth.train.TrainingSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolutional pair ({@code gan.architecture = conv}) on a table of a 3-way label, an 8 x 8
 * image and a two-mode continuous column: the image lands in its block of the encoded row, the
 * discriminator's input planes and their gradient are each other's adjoint, the input gradient
 * the generator step uses matches finite differences, both networks survive serialisation, and
 * a few GAN steps move the parameters with finite losses.
 */
@Tag("fast")
class ConvNetworksTest {
    private static final int SIDE = 8;

    @Test
    void theGeneratorWritesItsImageIntoTheImageBlockAndTheDenseHeadAroundIt() {
        TableTransform t = table(1);
        GanLayout layout = GanLayout.of(t, options(2));
        GraphGenerator g = (GraphGenerator) GanNetworks.generator(options(2), layout, 3);
        int rows = 4;
        float[] in = gaussian(rows * layout.generatorInput(), new Random(1));
        float[] out = g.forward(in, rows, true);
        assertEquals(rows * t.width(), out.length);
        ComputationGraph graph = (ComputationGraph) g.model();
        Map<String, INDArray> acts = graph.feedForward(new INDArray[]{Floats.matrix(in, rows, layout.generatorInput())},
                true, false);
        float[] image = acts.get("image").dup('c').data().asFloat(); // [rows, 1, 8, 8]
        float[] side = acts.get("side").dup('c').data().asFloat(); // [rows, 6]: label (3) before, x (3) after
        ImageSlot slot = layout.image();
        assertEquals(3, slot.offset());
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < slot.length(); k++) {
                assertEquals(image[r * slot.length() + k], out[r * t.width() + slot.offset() + k], 1e-6);
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(side[r * 6 + k], out[r * t.width() + k], 1e-6);
                assertEquals(side[r * 6 + 3 + k], out[r * t.width() + slot.offset() + slot.length() + k], 1e-6);
            }
        }
    }

    @Test
    void aColourImageIsStoredRowMajorWithItsChannelsInnermost() {
        ImageRows rows = new ImageRows(2, 3, 3);
        INDArray nchw = Nd4j.arange(2 * 3 * 2 * 3).castTo(DataType.FLOAT).reshape(2, 3, 2, 3);
        INDArray flat = rows.preProcess(nchw, 2, LayerWorkspaceMgr.noWorkspaces());
        // row 1, pixel (y=1, x=2), channel 1 is NCHW element [1, 1, 1, 2]
        assertEquals(nchw.getFloat(1, 1, 1, 2), flat.getFloat(1, (1 * 3 + 2) * 3 + 1), 0);
        assertAdjoint(rows.preProcess(nchw, 2, LayerWorkspaceMgr.noWorkspaces()), nchw,
                x -> rows.preProcess(x, 2, LayerWorkspaceMgr.noWorkspaces()),
                y -> rows.backprop(y, 2, LayerWorkspaceMgr.noWorkspaces()));
    }

    @Test
    void theDiscriminatorsPlanesAndTheirGradientAreAdjoint() {
        TableTransform t = table(1);
        GanLayout layout = GanLayout.of(t, options(2));
        ImageInput planes = ImageInput.of(layout.image(), t.width() + layout.conditionWidth(), 2);
        Random r = new Random(5);
        INDArray x = Nd4j.create(gaussian(3 * layout.discriminatorInput(), r), new long[]{3, layout.discriminatorInput()}, 'c');
        INDArray px = planes.preProcess(x, 3, LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new long[]{3, 2L * planes.planes(), SIDE, SIDE}, px.shape());
        // a side value is a constant plane
        int labelPlane = 1; // plane 0 is the image, then the label's first slot
        assertEquals(x.getFloat(0, 0), px.getFloat(0, labelPlane, 5, 2), 0);
        assertAdjoint(px, x, a -> planes.preProcess(a, 3, LayerWorkspaceMgr.noWorkspaces()),
                b -> planes.backprop(b, 3, LayerWorkspaceMgr.noWorkspaces()));
    }

    @Test
    void theDiscriminatorsInputGradientMatchesFiniteDifferences() {
        TableTransform t = table(1);
        GanOptions o = options(2);
        GanLayout layout = GanLayout.of(t, o);
        MultiLayerNetwork d = GanNetworks.discriminator(o, layout, 9);
        int rows = 2;
        int n = layout.discriminatorInput();
        float[] x = gaussian(rows * n, new Random(7));
        d.setInput(Floats.matrix(x, rows, n));
        d.feedForward(false, false);
        INDArray eps = Nd4j.ones(DataType.FLOAT, rows, 1);
        float[] analytic = d.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces()).getSecond().dup('c').data()
                .asFloat();
        Random pick = new Random(11);
        double h = 1e-2;
        for (int check = 0; check < 20; check++) {
            int i = pick.nextInt(x.length);
            float[] up = x.clone();
            up[i] += (float) h;
            float[] down = x.clone();
            down[i] -= (float) h;
            double numeric = (sum(d.output(Floats.matrix(up, rows, n), false))
                    - sum(d.output(Floats.matrix(down, rows, n), false))) / (2 * h);
            assertEquals(numeric, analytic[i], 0.05 * Math.abs(numeric) + 2e-3, "d logits / d input " + i);
        }
    }

    @Test
    void bothNetworksSurviveSerialisation() throws Exception {
        TableTransform t = table(1);
        GanOptions o = options(5);
        GanLayout layout = GanLayout.of(t, o);
        GeneratorNetwork g = GanNetworks.generator(o, layout, 3);
        GeneratorNetwork restored = GanModel.generatorFromBytes(GanModel.toBytes(g.model(), false), layout);
        float[] in = gaussian(5 * layout.generatorInput(), new Random(2));
        assertArrayEquals(g.forward(in, 5, false), restored.forward(in, 5, false));
        MultiLayerNetwork d = GanNetworks.discriminator(o, layout, 4);
        MultiLayerNetwork d2 = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(GanModel.toBytes(d, true)), true);
        INDArray x = Nd4j.create(gaussian(2 * layout.discriminatorInput(), new Random(3)),
                new long[]{2, layout.discriminatorInput()}, 'c');
        assertEquals(d.output(x, false), d2.output(x, false));
    }

    @Test
    void ganStepsWithTheConvolutionalPairMoveBothNetworks() {
        TableTransform t = table(1);
        GanOptions o = options(2);
        TrainingSpec spec = TrainingSpec.of("conv", o, 8, 13, t);
        GeneratorNetwork g = spec.newGenerator();
        MultiLayerNetwork d = spec.newDiscriminator();
        INDArray g0 = g.params().dup();
        INDArray d0 = d.params().dup();
        threeSteps(spec, g, d, t);
        assertFalse(g0.equalsWithEps(g.params(), 1e-7), "generator moved");
        assertFalse(d0.equalsWithEps(d.params(), 1e-7), "discriminator moved");
    }

    @Test
    void convWithoutAnImageColumnIsAConfigurationErrorNamingTheKey() {
        TableTransform t = new TableTransform(List.of(table(1).columns.get(0)));
        SynthException e = assertThrows(SynthException.class, () -> GanLayout.of(t, options(1)));
        assertTrue(e.getMessage().contains("gan.architecture") && e.getMessage().contains("schema.shapes"),
                e.getMessage());
    }

    /** Three discriminator and generator steps of batch 8 on 40 rows of {@link #table}, each with finite losses. */
    static void threeSteps(TrainingSpec spec, GeneratorNetwork g, MultiLayerNetwork d, TableTransform t) {
        int count = 40;
        float[] rows = realRows(t, count, new Random(4));
        GanStep step = new GanStep(g, d, spec.gan(), spec.layout().activation(), spec.layout().sampler(), t.width(), 8,
                rows, count);
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 3; i++) {
            step.discriminatorStep(i, rng);
            step.generatorStep(i, rng);
            assertTrue(Double.isFinite(step.lossReal) && Double.isFinite(step.lossFake)
                    && Double.isFinite(step.lossGenerator), "finite losses");
        }
    }

    private static GanOptions options(int pac) {
        return SynthConfig.load(null, List.of("gan.architecture=conv", "gan.noise-dim=4", "gan.generator-layers=[16]",
                "gan.discriminator-layers=[8]", "gan.generator-filters=[4, 3]", "gan.discriminator-filters=[4]",
                "gan.discriminator-dropout=0", "gan.pac=" + pac)).gan;
    }

    /** label (3 categories), an 8 x 8 image with {@code channels}, x (two modes). */
    static TableTransform table(int channels) {
        ColumnTransform label = new ColumnTransform();
        label.spec = new ColumnSpec("label", "int", ColumnKind.CATEGORICAL, false);
        label.categories = List.of("0", "1", "2");
        label.categoryShares = List.of(0.5, 0.3, 0.2);
        ColumnTransform image = new ColumnTransform();
        int length = SIDE * SIDE * channels;
        image.spec = new ColumnSpec("pixels", "array<float>", ColumnKind.VECTOR, false, length,
                channels == 1 ? List.of(SIDE, SIDE) : List.of(SIDE, SIDE, channels));
        image.min = 0;
        image.max = 1;
        ColumnTransform x = new ColumnTransform();
        x.spec = new ColumnSpec("x", "double", ColumnKind.CONTINUOUS, false);
        x.min = -5;
        x.max = 6;
        x.components = List.of(new Component(false, -1, 2, 0.6), new Component(false, 3, 1, 0.4));
        return new TableTransform(List.of(label, image, x));
    }

    private static float[] realRows(TableTransform t, int count, Random r) {
        float[] rows = new float[count * t.width()];
        for (int i = 0; i < count; i++) {
            int offset = i * t.width();
            ColumnTransform label = t.columns.get(0);
            label.encode(r.nextInt(3), rows, offset);
            offset += label.width();
            double[] pixels = new double[SIDE * SIDE];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = r.nextDouble();
            }
            t.columns.get(1).encode(org.apache.spark.ml.linalg.Vectors.dense(pixels), rows, offset);
            offset += t.columns.get(1).width();
            t.columns.get(2).encode(-3 + 8 * r.nextDouble(), rows, offset);
        }
        return rows;
    }

    private static void assertAdjoint(INDArray px, INDArray x, java.util.function.UnaryOperator<INDArray> forward,
                                      java.util.function.UnaryOperator<INDArray> backward) {
        Random r = new Random(3);
        INDArray y = Nd4j.create(gaussian((int) px.length(), r), px.shape(), 'c');
        INDArray x2 = Nd4j.create(gaussian((int) x.length(), r), x.shape(), 'c');
        double left = forward.apply(x2).castTo(DataType.DOUBLE).mul(y.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
        double right = x2.castTo(DataType.DOUBLE).mul(backward.apply(y).castTo(DataType.DOUBLE)).sumNumber()
                .doubleValue();
        assertEquals(left, right, 1e-3 * (Math.abs(left) + 1), "<P x, y> = <x, P' y>");
    }

    private static double sum(INDArray a) {
        return a.castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    static float[] gaussian(int n, Random r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
