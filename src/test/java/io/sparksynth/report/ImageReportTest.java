package io.sparksynth.report;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.evaluate.ColumnSummary;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.Metrics;
import io.sparksynth.evaluate.PlotData;
import io.sparksynth.evaluate.images.ImageFigures;
import io.sparksynth.evaluate.images.ImageScores;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's image section from given image metrics and figures (no Spark): the grid's pixels where
 * they belong and in the right grey, the section's tables, the augmentation plot, and the grid written
 * as images-&lt;column&gt;.png at the top of the report directory.
 */
@Tag("fast")
class ImageReportTest {
    /** 4 x 4 images, two classes; class "1" has one real sample and no synthetic rows. */
    static ImageFigures figures() {
        float[] white = new float[16];
        Arrays.fill(white, 1f);
        float[] half = new float[16];
        Arrays.fill(half, 0.5f);
        float[] beyond = new float[16];
        Arrays.fill(beyond, 3f); // synthetic values beyond the real range are clipped to white
        float[] ramp = new float[16];
        for (int i = 0; i < 16; i++) {
            ramp[i] = i / 15f; // row-major: the top left pixel black, the bottom right one white
        }
        List<List<float[]>> real = List.of(new ArrayList<>(List.of(white, half)), new ArrayList<>(List.of(ramp)));
        List<List<float[]>> synth = List.of(new ArrayList<>(List.of(beyond)), new ArrayList<>());
        return new ImageFigures("digit", List.of("0", "1"), 4, 4, 1, 0, 255, real, synth,
                Arrays.asList(half, ramp), Arrays.asList(white, null));
    }

    static ImageScores scores() {
        Map<String, ImageScores.ClassCounts> classes = new LinkedHashMap<>();
        classes.put("0", new ImageScores.ClassCounts(40, 50, 10, 9, 30, 24, 0.9, 0.8));
        classes.put("1", new ImageScores.ClassCounts(35, 45, 12, 12, 0, 0, 1.0, null));
        return new ImageScores("digit", List.of(4, 4), new ImageScores.Classifier("conv ...", 75, 200, 64, 0.97,
                "the 64 ReLU activations"), 0.8125, 0.9545, 12.5, 0.75, new ImageScores.TableRows(95, 22, 32), 2,
                classes, new ImageScores.Augmentation("accuracy", 20, 3, 200, 64, 22, List.of(10, 50), List.of(20, 75),
                20, List.of(200, 200), List.of(200, 200), List.of(0.5, 0.75), List.of(0.625, 0.7), List.of(0.125,
                -0.05)));
    }

    static EvaluationResult result() {
        ColumnSummary.Categorical cat = new ColumnSummary.Categorical(95, 0, 2, new LinkedHashMap<>());
        Map<String, Metrics.ColumnScore> columns = Map.of("digit", new Metrics.ColumnScore("categorical", cat, cat,
                null, 0.05, null, 1.0, 0.95, 1));
        Metrics m = new Metrics(new Metrics.RowCounts(22, 32), 0.9, 1, 0, columns, Map.of(),
                new Metrics.CorrelationMatrices(List.of(), new double[0][], new double[0][], new double[0][]), 0.7,
                new Metrics.DetectionScores(22, 0.7, 0.6, Map.of("pixels", 0.4)), null, null, Map.of("pixels", scores()), null, null);
        return new EvaluationResult(m, List.of(new ColumnSpec("digit", "int", ColumnKind.CATEGORICAL, false)),
                PlotData.empty().withImages(Map.of("pixels", figures())), List.of());
    }

    @Test
    void gridDrawsEachImageInItsCellInGreyLevelsOfTheRealRange() throws IOException {
        ImageFigures f = figures();
        int scale = ImageGrid.scale(f);
        assertEquals(14, scale, "4-pixel images enlarged to 56 screen pixels");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(ImageGrid.png(f, 2)));
        int cell = 4 * scale;
        int header = 22;
        int left = 60;
        int second = left + 2 * (cell + 2) - 2 + 16; // the synthetic block
        int means = second + 2 * (cell + 2) - 2 + 16;
        assertTrue(img.getWidth() >= means + 2 * cell + 2 + 8, "wide enough for the means and their title");
        assertEquals(header + 2 * (cell + 2) + 6, img.getHeight());
        assertEquals(255, grey(img, left + 5, header + 5), "class 0, real sample 1: white");
        assertEquals(128, grey(img, left + cell + 2 + 5, header + 5), "class 0, real sample 2: 0.5 of the range");
        assertEquals(255, grey(img, second + 5, header + 5), "beyond the real range: clipped to white");
        assertEquals(ImageGrid.EMPTY.getRGB() & 0xffffff, img.getRGB(second + cell + 2 + 5, header + 5) & 0xffffff,
                "class 0 has one synthetic sample: the second cell is empty");
        int row1 = header + cell + 2;
        assertEquals(0, grey(img, left + 1, row1 + 1), "class 1's ramp: top left black");
        assertEquals(255, grey(img, left + cell - 2, row1 + cell - 2), "bottom right white");
        assertEquals(128, grey(img, means + 5, header + 5), "class 0's real mean");
        assertEquals(255, grey(img, means + cell + 2 + 5, header + 5), "class 0's synthetic mean");
        assertEquals(ImageGrid.EMPTY.getRGB() & 0xffffff, img.getRGB(means + cell + 2 + 5, row1 + 5) & 0xffffff,
                "class 1 has no synthetic rows: no mean");
        assertEquals(0, ImageGrid.level(Float.NaN));
        assertEquals(0, ImageGrid.level(-0.5f));
    }

    @Test
    void reportShowsTheImageSectionAndWritesTheGridBesideThePage(@TempDir Path dir) throws IOException {
        HtmlReport.Page page = HtmlReport.render(result(), "summary", "describe", List.of());
        String html = page.html();
        String section = html.substring(html.indexOf("<section id=\"images\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertTrue(section.contains("<h3>pixels (4 x 4, label digit)</h3>"), section);
        assertTrue(section.contains("<td>0.8125</td><td>0.9545</td>"), "label fidelity beside holdout accuracy");
        assertTrue(section.contains("<td>12.5000</td><td>0.7500</td>"), "Fréchet distance beside the holdout's");
        assertTrue(section.contains("<td>1</td><td>35</td><td>12</td><td>1.0000</td><td>0</td><td></td>"),
                "per class, no fidelity without synthetic rows: " + section);
        assertTrue(section.contains("<td>50</td><td>75</td><td>0.7500</td><td>0.7000</td><td>-0.0500</td>"),
                "augmentation row with its gain");
        assertTrue(section.contains("(labels the real rows lack)"));
        assertTrue(section.contains("Grey levels: 0 black to 255 white"), section);
        assertEquals(2, section.split("<img").length - 1, "the grid and the augmentation plot");
        assertTrue(page.images().containsKey("images-pixels.png") && page.images().containsKey(
                "images-augmentation-pixels.png"));
        assertArrayEquals(page.images().get("images-pixels.png"), page.files().get("images-pixels.png"));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(page.images().get("images-augmentation-pixels.png"))));

        String report = dir.resolve("report").toString();
        ReportWriter.write(new Configuration(), report, result(), List.of());
        assertArrayEquals(page.files().get("images-pixels.png"), Files.readAllBytes(Path.of(report,
                "images-pixels.png")));
        assertTrue(Files.exists(Path.of(report, "plots", "images-augmentation-pixels.png")));
        assertTrue(Files.readString(Path.of(report, "metrics.json")).contains("\"label_fidelity\" : 0.8125"));
        assertTrue(Files.readString(Path.of(report, "describe.txt")).contains(
                "images (pixels)  label fidelity 0.8125 (real holdout 0.9545), Frechet distance 12.5000"));
    }

    @Test
    void withoutImageMetricsTheSectionSaysWhy() {
        EvaluationResult r = result();
        Metrics m = r.metrics();
        Metrics none = new Metrics(m.rows(), m.columnShapes(), m.columnPairTrends(), m.correlationMad(), m.columns(),
                m.columnPairs(), m.correlation(), m.detectionAuc(), m.detection(), null, null, null, null);
        String html = HtmlReport.render(new EvaluationResult(none, r.specs(), PlotData.empty(), List.of()), "", "",
                List.of()).html();
        String section = html.substring(html.indexOf("<section id=\"images\">"));
        assertTrue(section.startsWith("<section id=\"images\"><h2>Images") && section.contains("No image metrics"));
        assertFalse(section.substring(0, section.indexOf("</section>")).contains("<img"));
    }

    private static int grey(BufferedImage img, int x, int y) {
        int rgb = img.getRGB(x, y);
        assertEquals(rgb & 0xff, (rgb >> 8) & 0xff, "grey at " + x + "," + y);
        return rgb & 0xff;
    }
}
