package io.sparksynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.TestSpark;
import io.sparksynth.preprocess.FitSample;
import io.sparksynth.preprocess.TrainHoldoutSplit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image metrics through {@code evaluate} on MNIST slices (real training, holdout and, as the
 * "synthetic" table, other real digits): metrics.json has images.pixels with both metrics and their
 * references, the per-class counts and the augmentation experiment; report.html has the image section;
 * the sample grid is images-pixels.png in the report directory; the summary prints the metrics.
 */
class MnistImagesTest {

    @Test
    void evaluateWritesImageMetricsTheImageSectionAndTheGrid(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        Dataset<Row> all = spark.read().parquet("data/mnist_10k.parquet");
        Dataset<Row> slice = FitSample.byHash(all, 0.06, 11);
        String train = dir.resolve("train").toString();
        String holdout = dir.resolve("holdout").toString();
        String synthetic = dir.resolve("synthetic").toString();
        TrainHoldoutSplit.train(slice, 0.3, 1).coalesce(1).write().parquet(train);
        TrainHoldoutSplit.holdout(slice, 0.3, 1).coalesce(1).write().parquet(holdout);
        FitSample.byHash(all, 0.03, 12).except(slice).coalesce(2).write().parquet(synthetic);

        String report = dir.resolve("report").toString();
        assertEquals(0, SparkSynth.run("evaluate", "--real", train, "--holdout", holdout, "--synthetic", synthetic,
                "--report", report, "--target", "label", "--set", "schema.categorical=[label]",
                "--set", "schema.shapes.pixels=[28, 28]", "--set", "evaluate.images.augmentation-real=[10]",
                "--set", "evaluate.images.augmentation-synthetic=20"));

        JsonNode m = new ObjectMapper().readTree(Path.of(report, "metrics.json").toFile());
        JsonNode img = m.at("/images/pixels");
        assertEquals("label", img.at("/label").asText());
        assertEquals("[28,28]", img.at("/image_shape").toString());
        double fidelity = img.at("/label_fidelity").asDouble();
        double accuracy = img.at("/holdout_accuracy").asDouble();
        assertTrue(fidelity > 0.7 && accuracy > 0.7, "real digits as synthetic rows: " + fidelity + ", " + accuracy);
        double fd = img.at("/frechet_distance").asDouble();
        double fdHoldout = img.at("/holdout_frechet_distance").asDouble();
        assertTrue(fd > 0 && fdHoldout > 0, fd + ", " + fdHoldout);
        long synthRows = spark.read().parquet(synthetic).count();
        assertEquals(synthRows, img.at("/rows/synthetic").asLong());
        assertEquals(spark.read().parquet(train).count(), img.at("/rows/train").asLong());
        assertEquals(10, img.at("/classes").size());
        long perClass = 0;
        long correct = 0;
        for (JsonNode c : img.at("/classes")) {
            perClass += c.at("/synthetic").asLong();
            correct += c.at("/synthetic_correct").asLong();
            assertTrue(c.at("/classifier_training").asLong() > 0);
        }
        assertEquals(synthRows, perClass);
        assertEquals(fidelity, (double) correct / synthRows, 1e-12);
        assertEquals("[10]", img.at("/augmentation/real_per_class").toString());
        assertEquals(100, img.at("/augmentation/real_rows/0").asInt());
        assertEquals(200, img.at("/augmentation/synthetic_rows").asInt());
        assertTrue(img.at("/augmentation/real_only/0").isNumber() && img.at("/augmentation/gain/0").isNumber());
        assertFalse(m.at("/estimation/images").asText().isEmpty());

        String html = Files.readString(Path.of(report, "report.html"));
        String section = html.substring(html.indexOf("<section id=\"images\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertTrue(section.contains("<h3>pixels (28 x 28, label label)</h3>"), section);
        assertEquals(2, section.split("<img").length - 1, "the grid and the augmentation plot");
        BufferedImage grid = ImageIO.read(Path.of(report, "images-pixels.png").toFile());
        assertEquals(22 + 10 * 58 + 6, grid.getHeight(), "a row per digit, 28 x 28 drawn 56 x 56");
        assertTrue(Files.exists(Path.of(report, "plots", "images-augmentation-pixels.png")));
        assertTrue(Files.readString(Path.of(report, "describe.txt")).contains("images (pixels)  label fidelity"));
    }
}
