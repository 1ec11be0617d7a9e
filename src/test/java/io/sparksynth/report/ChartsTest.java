package io.sparksynth.report;

import io.sparksynth.evaluate.Metrics;
import io.sparksynth.evaluate.PlotData;
import io.sparksynth.model.EpochRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every figure renders on awkward data too (one epoch, a constant column, no PCA points, means
 * within one decade, long category names): XChart's tick search loops until labels fit, so a
 * label function that never lets them fit would hang the report, hence the timeout.
 */
@Tag("fast")
@Timeout(60)
class ChartsTest {

    @Test
    void everyFigureRendersOnAwkwardData() throws IOException {
        decodes(Charts.losses(List.of(new EpochRecord(1, 0.7, 0.6, 0.8, 1.0))));
        decodes(Charts.losses(List.of(new EpochRecord(1, 0.7, 0.6, 0.8, 1.0, 0.9),
                new EpochRecord(2, 0.7, 0.6, 0.8, 1.0))));
        decodes(Charts.augmentation(new Metrics.AugmentationCurve("accuracy", 1, List.of(250L, 1000L),
                List.of(0.8, 0.85), List.of(0.79, 0.84))));
        double[] p = {0, 0.5, 1};
        decodes(Charts.cumulative("constant", new double[][]{p, {3, 3, 3}, {3, 3, 3}}));
        decodes(Charts.histogram("constant", new double[][]{{3.5}, {1}, {1}}));
        decodes(Charts.histogram("returns", new double[][]{{-0.05, 0, 0.05}, {0.2, 0.5, 0.3}, {0.1, 0.8, 0.1}}));
        decodes(Charts.bars("status", new PlotData.Bars(List.of("Married-spouse-absent-for-a-long-reason",
                "Married-spouse-absent-for-another-reason"), new double[]{0.6, 0.4}, new double[]{0.5, 0.5})));
        decodes(Charts.heatmap("r", List.of("a", "b"), new double[][]{{1, Double.NaN}, {Double.NaN, 1}}, -1, 1));
        decodes(Charts.realVsSynthetic("|mean|", new double[]{0.004, 0.006}, new double[]{0.005, 0.007}));
        decodes(Charts.realVsSynthetic("|mean|", new double[]{38, 189_000}, new double[]{42, 170_000}));
        decodes(Charts.realVsSynthetic("|mean|", new double[0], new double[0]));
        decodes(Charts.scatter("rows", new double[0][], Charts.REAL, new double[]{-1, 1}, new double[]{-1, 1},
                new String[]{"PC1", "PC2"}));
    }

    /** Bars sit on their bins: the outline runs along the edges, half a bin each side of a centre. */
    @Test
    void histogramOutlineFollowsTheBinEdges() {
        double[] edges = Histogram.edges(new double[]{1, 3, 5});
        assertArrayEquals(new double[]{0, 2, 4, 6}, edges, 1e-12);
        assertArrayEquals(new double[]{0, 0, 2, 2, 4, 4, 6, 6}, Histogram.outlineX(edges), 1e-12);
        assertArrayEquals(new double[]{0, 0.2, 0.2, 0.5, 0.5, 0.3, 0.3, 0}, Histogram.outlineY(
                new double[]{0.2, 0.5, 0.3}), 1e-12);
    }

    private static void decodes(byte[] png) throws IOException {
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "a PNG image");
        assertEquals((byte) 0x89, png[0]);
    }
}
