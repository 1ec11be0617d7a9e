package io.sparksynth.cluster;

import io.sparksynth.model.GraphGenerator;
import io.sparksynth.model.EpochRecord;
import io.sparksynth.model.GanModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The image case of {@link StandaloneClusterIT}: a small table of 8 x 8 images written as Parquet,
 * the smallest convolutional GAN that still has a conv generator and a conv discriminator, and an
 * exact comparison of two trained models.
 */
final class ClusterImages {
    static final StructType SCHEMA = new StructType().add("label", DataTypes.StringType)
            .add("pixels", DataTypes.createArrayType(DataTypes.FloatType)).add("score", DataTypes.DoubleType);
    static final int ROWS = 400;
    /**
     * One upsampling stage and one strided convolution (conv is slow on CPU); two workers as in
     * every cluster run, averaging once an epoch (fewer, longer tasks: less Spark overhead, and a
     * kill more likely lands in one); a progress line every epoch, which the executor kill waits for.
     */
    static final List<String> SETTINGS = List.of("gan.architecture=conv", "schema.shapes.pixels=[8, 8]",
            "gan.generator-filters=[4]", "gan.discriminator-filters=[4]", "gan.generator-layers=[32]",
            "gan.discriminator-layers=[32]", "gan.noise-dim=8", "gan.pac=2", "train.batch-size=20",
            "train.workers=2", "train.averaging-frequency=10", "train.epochs=16", "train.log-every=1",
            "train.checkpoint-every=0");

    private ClusterImages() {
    }

    /**
     * Writes the table to {@code file}: label a, a bright upper half; b, a bright lower half; every
     * 9th image null; score ~ N(label, 1). Nulls and the score give the generator dense heads
     * beside its image, as real tables do.
     */
    static String writeTable(SparkSession spark, Path file) {
        Random r = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < ROWS; n++) {
            boolean upper = r.nextBoolean();
            Float[] px = new Float[64];
            for (int k = 0; k < 64; k++) {
                boolean bright = (k < 32) == upper;
                px[k] = (float) Math.min(1, Math.max(0, (bright ? 0.8 : 0.1) + 0.1 * r.nextGaussian()));
            }
            rows.add(RowFactory.create(upper ? "a" : "b", n % 9 == 4 ? null : px, (upper ? 1 : 0) + r.nextGaussian()));
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(file.toString());
        return file.toString();
    }

    /** The training arguments of both image runs: the same table, settings and seed. */
    static String[] train(String input, String model) {
        List<String> a = new ArrayList<>(List.of("train", "--input", input, "--model", model));
        for (String s : SETTINGS) {
            a.add("--set");
            a.add(s);
        }
        return a.toArray(String[]::new);
    }

    /**
     * Both models are the conv pair, with the same transform, the same parameters and Adam state
     * of both networks bit for bit, and the same losses in every epoch (only the timings differ).
     */
    static void assertSameModel(String expected, String actual) {
        Configuration hadoop = new Configuration();
        GanModel e = GanModel.load(hadoop, expected);
        GanModel a = GanModel.load(hadoop, actual);
        assertInstanceOf(GraphGenerator.class, a.generator(), "the conv generator");
        assertInstanceOf(ConvolutionLayer.class, a.discriminator().getLayerWiseConfigurations().getConf(0).getLayer(),
                "the discriminator reads the image with a convolution");
        assertEquals(e.transform().toJson(), a.transform().toJson(), "the fitted transform");
        assertArrayEquals(floats(e.generator().params()), floats(a.generator().params()), "generator parameters");
        assertArrayEquals(floats(e.generator().updaterState()), floats(a.generator().updaterState()),
                "generator Adam state");
        assertArrayEquals(floats(e.discriminator().params()), floats(a.discriminator().params()),
                "discriminator parameters");
        assertArrayEquals(floats(e.discriminator().getUpdater().getStateViewArray()),
                floats(a.discriminator().getUpdater().getStateViewArray()), "discriminator Adam state");
        assertEquals(losses(e), losses(a), "losses per epoch");
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static List<EpochRecord> losses(GanModel m) {
        return m.history().stream().map(r -> new EpochRecord(r.epoch(), r.discriminatorReal(), r.discriminatorFake(),
                r.generator(), 0, r.validation())).toList(); // all but the wall time
    }
}
