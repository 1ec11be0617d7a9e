package io.sparksynth.train;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.Component;
import io.sparksynth.preprocess.TableTransform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The score that picks the generator to keep: perfect for the real rows themselves, high for
 * another sample of their distribution, and lower when either a marginal or the relation between
 * the columns is wrong.
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
