package io.sparksynth.train;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.Component;
import io.sparksynth.preprocess.TableTransform;
import org.apache.spark.ml.linalg.Vectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The score that picks the generator to keep: perfect for the real rows themselves, high for
 * another sample of their distribution, and lower when either a marginal or the relation between
 * the columns is wrong; image cells of a vector column count too.
 */
@Tag("fast")
class ValidationScoreTest {
    static final String[] KINDS = {"a", "b", "c"};
    static final TableTransform TABLE = table();

    @Test
    void theRealRowsScoreOneAndAnotherSampleNearlyOne() {
        float[] real = rows(5000, new Random(1), false, 0);
        ValidationScore score = new ValidationScore(TABLE, real, 5000);
        assertEquals(1.0, score.score(real, 5000), 1e-12);
        double same = score.score(rows(5000, new Random(2), false, 0), 5000);
        assertTrue(same > 0.97, "another sample of the same distribution: " + same);
    }

    @Test
    void brokenRelationsOrMarginalsScoreLower() {
        ValidationScore score = new ValidationScore(TABLE, rows(5000, new Random(1), false, 0), 5000);
        double same = score.score(rows(5000, new Random(2), false, 0), 5000);
        double independent = score.score(rows(5000, new Random(3), true, 0), 5000);
        double shifted = score.score(rows(5000, new Random(4), false, 0.3), 5000);
        assertTrue(independent < same - 0.1, "x drawn regardless of kind: " + independent + " vs " + same);
        assertTrue(shifted < same - 0.1, "x shifted by 0.3: " + shifted + " vs " + same);
    }

    @Test
    void theScoreIsAFunctionOfTheRows() {
        float[] real = rows(3000, new Random(5), false, 0);
        float[] other = rows(3000, new Random(6), true, 0.1);
        assertEquals(new ValidationScore(TABLE, real, 3000).score(other, 3000),
                new ValidationScore(TABLE, real.clone(), 3000).score(other.clone(), 3000));
    }

    @Test
    void imageCellsAreScoredSoImagesUnrelatedToTheirLabelOrOnGreyScoreLower() {
        TableTransform images = images();
        float[] real = imageRows(images, 5000, new Random(1), false, 0);
        ValidationScore score = new ValidationScore(images, real, 5000);
        assertEquals(1.0, score.score(real, 5000), 1e-12);
        double same = score.score(imageRows(images, 5000, new Random(2), false, 0), 5000);
        double faint = score.score(imageRows(images, 5000, new Random(5), false, 0.02), 5000);
        double unrelated = score.score(imageRows(images, 5000, new Random(3), true, 0), 5000);
        double grey = score.score(imageRows(images, 5000, new Random(4), false, 0.4), 5000);
        assertTrue(same > 0.97, "another sample of the same images: " + same);
        assertTrue(faint > same - 0.01, "a faint speckle (0 to 0.02) on the blank pixels: " + faint + " vs " + same);
        assertTrue(unrelated < same - 0.01, "bright row drawn regardless of the label: " + unrelated + " vs " + same);
        assertTrue(grey < same - 0.1, "background 0 to 0.4 instead of 0: " + grey + " vs " + same);
    }

    /**
     * A label a, b or c and a 4 x 4 image in [0, 1]: the pixel row of the label's index bright
     * (0.5 to 1), the other pixels 0 (or up to {@code speckle}); with {@code unrelated} the bright
     * row is drawn regardless of the label.
     */
    private static float[] imageRows(TableTransform t, int n, Random r, boolean unrelated, double speckle) {
        float[] out = new float[n * t.width()];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(3);
            int bright = unrelated ? r.nextInt(3) : kind;
            double[] pixels = new double[16];
            for (int k = 0; k < 16; k++) {
                pixels[k] = k / 4 == bright ? 0.5 + 0.5 * r.nextDouble() : speckle * r.nextDouble();
            }
            int o = i * t.width();
            t.columns.get(0).encode(KINDS[kind], out, o);
            t.columns.get(1).encode(Vectors.dense(pixels), out, o + t.columns.get(0).width());
        }
        return out;
    }

    private static TableTransform images() {
        ColumnTransform label = new ColumnTransform();
        label.spec = new ColumnSpec("label", "string", ColumnKind.CATEGORICAL, false);
        label.categories = List.of(KINDS);
        label.categoryShares = List.of(1 / 3.0, 1 / 3.0, 1 / 3.0);
        ColumnTransform pixels = new ColumnTransform();
        pixels.spec = new ColumnSpec("pixels", "array<double>", ColumnKind.VECTOR, false, 16, List.of(4, 4));
        pixels.min = 0;
        pixels.max = 1;
        return new TableTransform(List.of(label, pixels));
    }

    /** kind uniform over a, b, c; x around -0.6, 0, 0.6 by kind (or regardless of it), plus shift. */
    private static float[] rows(int n, Random r, boolean independent, double shift) {
        float[] out = new float[n * TABLE.width()];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(3);
            int xKind = independent ? r.nextInt(3) : kind;
            double x = Math.max(-1, Math.min(1, -0.6 + 0.6 * xKind + 0.15 * r.nextGaussian() + shift));
            int o = i * TABLE.width();
            TABLE.columns.get(0).encode(x, out, o);
            TABLE.columns.get(1).encode(KINDS[kind], out, o + TABLE.columns.get(0).width());
        }
        return out;
    }

    private static TableTransform table() {
        ColumnTransform x = new ColumnTransform();
        x.spec = new ColumnSpec("x", "double", ColumnKind.CONTINUOUS, false);
        x.min = -1;
        x.max = 1;
        x.components = List.of(new Component(false, 0, 1, 1)); // alpha = x
        ColumnTransform kind = new ColumnTransform();
        kind.spec = new ColumnSpec("kind", "string", ColumnKind.CATEGORICAL, false);
        kind.categories = List.of(KINDS);
        kind.categoryShares = List.of(1 / 3.0, 1 / 3.0, 1 / 3.0);
        return new TableTransform(List.of(x, kind));
    }
}
