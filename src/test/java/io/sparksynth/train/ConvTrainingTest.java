package io.sparksynth.train;

import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GraphGenerator;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convolutional pair trained through Spark: two workers averaging their parameters on a table
 * of 8 x 8 images (a bright upper or lower half by label, some images null) with a label and a
 * score. The model is the same for a differently partitioned input, survives its directory, and
 * generates float images of the right length and range, the same rows for 1 and 3 partitions.
 */
class ConvTrainingTest {
    static final StructType SCHEMA = new StructType().add("label", DataTypes.StringType)
            .add("pixels", DataTypes.createArrayType(DataTypes.FloatType)).add("score", DataTypes.DoubleType);
    /** The convolutional pair, small, on the 8 x 8 images. */
    static final String[] CONV = {"gan.architecture=conv", "schema.shapes.pixels=[8, 8]", "train.batch-size=20",
            "gan.pac=2", "gan.generator-filters=[4, 4]", "gan.discriminator-filters=[4]"};
    static SparkSession spark;
    static SynthConfig cfg;
    static Dataset<Row> real;
    static GanModel model;

    @BeforeAll
    static void train() {
        spark = TestSpark.session();
        cfg = TestSpark.quickConfig(CONV);
        real = images(spark, 240, 3);
        model = Workflow.fit(real, cfg, "images", Progress.silent());
    }

    @Test
    void trainsTheConvolutionalPairTheSameWayWhateverThePartitioning(@TempDir Path dir) {
        assertInstanceOf(GraphGenerator.class, model.generator());
        String reshuffled = dir.resolve("images").toString();
        real.repartition(4).write().parquet(reshuffled);
        GanModel again = Workflow.fit(spark.read().parquet(reshuffled), cfg, "images", Progress.silent());
        assertArrayEquals(params(model), params(again), "a differently partitioned input trains the same model");
        GanModel untrained = Workflow.fit(real, cfg.with(List.of("train.epochs=1")), "images", Progress.silent());
        assertFalse(Arrays.equals(params(model), params(untrained)), "a second epoch moves the generator");
    }

    @Test
    void generatesImagesOfTheRealTypeLengthAndRangeFromTheSavedModel(@TempDir Path dir) {
        String path = dir.resolve("model").toString();
        model.save(spark.sparkContext().hadoopConfiguration(), path);
        GanModel loaded = GanModel.load(spark.sparkContext().hadoopConfiguration(), path);
        assertArrayEquals(params(model), params(loaded));
        Dataset<Row> one = SyntheticGenerator.generate(spark, loaded, 500, 1, 5);
        Dataset<Row> three = SyntheticGenerator.generate(spark, model, 500, 3, 5);
        assertEquals(one.collectAsList(), three.collectAsList(), "same rows for 1 and 3 partitions");
        assertEquals(DataTypes.FloatType, ((ArrayType) one.schema().apply("pixels").dataType()).elementType());
        Row s = one.where(col("pixels").isNotNull()).agg(count("pixels"), min(size(col("pixels"))), max(size(col("pixels"))),
                min(array_min(col("pixels"))), max(array_max(col("pixels")))).first();
        long images = s.getLong(0);
        assertTrue(images > 0 && images < 500, "null and non-null images, as in the real table: " + images);
        assertEquals(64, s.getInt(1));
        assertEquals(64, s.getInt(2));
        assertTrue(s.getFloat(3) >= 0f && s.getFloat(4) <= 1f, "pixels in [0, 1]: " + s);
    }

    private static float[] params(GanModel m) {
        return m.generator().params().dup('c').data().asFloat();
    }

    /** label a: bright upper half; b: bright lower half; every 9th image null; score ~ N(label, 1). */
    static Dataset<Row> images(SparkSession spark, int rows, long seed) {
        Random r = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int n = 0; n < rows; n++) {
            boolean upper = r.nextBoolean();
            Float[] px = new Float[64];
            for (int k = 0; k < 64; k++) {
                boolean bright = (k < 32) == upper;
                px[k] = (float) Math.min(1, Math.max(0, (bright ? 0.8 : 0.1) + 0.1 * r.nextGaussian()));
            }
            out.add(RowFactory.create(upper ? "a" : "b", n % 9 == 4 ? null : px, (upper ? 1 : 0) + r.nextGaussian()));
        }
        return spark.createDataFrame(out, SCHEMA).coalesce(1);
    }
}
