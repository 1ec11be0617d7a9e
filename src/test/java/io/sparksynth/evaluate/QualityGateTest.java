package io.sparksynth.evaluate;

import io.sparksynth.SynthException;
import io.sparksynth.evaluate.images.ImageScores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate reads metrics by their metrics.json path and fails each on its bad side. */
@Tag("fast")
class QualityGateTest {

    static Metrics metrics() {
        Map<String, Metrics.ColumnScore> columns = new LinkedHashMap<>();
        columns.put("age", new Metrics.ColumnScore("continuous",
                new ColumnSummary.Continuous(10, 0, 1, 1, 0, 0, 1, 2, 3),
                new ColumnSummary.Continuous(10, 0, 1, 1, 0, 0, 1, 2, 3), 0.12, null, 1.0, null, 0.88, 1));
        columns.put("sex", new Metrics.ColumnScore("categorical",
                new ColumnSummary.Categorical(10, 0, 2, new LinkedHashMap<>()),
                new ColumnSummary.Categorical(10, 0, 2, new LinkedHashMap<>()), null, 0.05, null, 1.0, 0.95, 1));
        return new Metrics(new Metrics.RowCounts(10, 10), 0.9, 0.8, 0.1, columns, Map.of(),
                new Metrics.CorrelationMatrices(List.of(), new double[0][], new double[0][], new double[0][]), 0.7,
                new Metrics.DetectionScores(10, 0.7, 0.6, Map.of()),
                new Metrics.MlEfficacyScores("sex", "classification", "RandomForestClassifier", 8, 2, 0.8, 0.6, 0.9,
                        0.7, null, null),
                null, new Metrics.PrivacyScores(0.02, 10, 0.5, 1, 0.4, 0.9), null);
    }

    static boolean passes(String spec) {
        List<QualityGate.Check> checks = QualityGate.parse(spec).check(metrics());
        assertEquals(1, checks.size());
        return checks.get(0).passed();
    }

    @Test
    void scoresFailBelowTheirThreshold() {
        assertTrue(passes("column_shapes=0.9"), "at the threshold passes");
        assertFalse(passes("column_shapes=0.91"));
        assertTrue(passes("column_pair_trends=0.79"));
        assertFalse(passes("ml_efficacy.tstr_f1=0.61"));
        assertTrue(passes("ml_efficacy.tstr_f1=0.6"));
        assertFalse(passes("columns.age.shape=0.9"));
    }

    @Test
    void distancesAndDetectabilityFailAboveTheirThreshold() {
        assertTrue(passes("detection_auc=0.7"));
        assertFalse(passes("detection_auc=0.69"));
        assertFalse(passes("detection.gbt_auc=0.6"));
        assertFalse(passes("correlation_mad=0.05"));
        assertTrue(passes("correlation_mad=0.1"));
        assertFalse(passes("privacy.exact_match_rate=0.01"));
        assertTrue(passes("privacy.exact_match_rate=0.02"));
        assertFalse(passes("columns.age.ks=0.1"));
        assertTrue(passes("columns.sex.tvd=0.05"));
        assertFalse(passes("columns.sex.tvd=0.04"));
    }

    @Test
    void imageMetricsAreGatedByTheirPathFrechetDistancesFromAbove() {
        Metrics base = metrics();
        ImageScores pixels = new ImageScores("label", List.of(28, 28), null, 0.8, 0.95, 12.5, 0.6,
                new ImageScores.TableRows(80, 20, 80), 0, Map.of(), null);
        Metrics m = new Metrics(base.rows(), base.columnShapes(), base.columnPairTrends(), base.correlationMad(),
                base.columns(), base.columnPairs(), base.correlation(), base.detectionAuc(), base.detection(),
                base.mlEfficacy(), null, Map.of("pixels", pixels), base.privacy(), null);
        List<QualityGate.Check> checks = QualityGate.parse("images.pixels.label_fidelity=0.85,"
                + "images.pixels.frechet_distance=10,images.pixels.holdout_accuracy=0.9").check(m);
        assertEquals(List.of(false, false, true), checks.stream().map(QualityGate.Check::passed).toList());
        assertEquals(List.of(true, false, true), checks.stream().map(QualityGate.Check::higherIsBetter).toList());
        assertTrue(QualityGate.parse("images.pixels.frechet_distance=12.5").check(m).get(0).passed());
        assertTrue(base.images().isEmpty(), "no image metrics, none in the file");
        assertFalse(base.toJson().contains("\"images\""), base.toJson());
    }

    @Test
    void everyThresholdIsCheckedAndReported() {
        List<QualityGate.Check> checks = QualityGate.parse("column_shapes=0.5, detection_auc=0.6").check(metrics());
        assertEquals(List.of("column_shapes", "detection_auc"), checks.stream().map(QualityGate.Check::metric).toList());
        assertEquals(0.9, checks.get(0).value(), 0);
        assertTrue(checks.get(0).higherIsBetter() && checks.get(0).passed());
        assertFalse(checks.get(1).higherIsBetter() || checks.get(1).passed());
        assertTrue(QualityGate.parse(null).check(metrics()).isEmpty(), "no gate, no checks");
    }

    @Test
    void unknownOrMalformedMetricsAreUsageErrorsNamingThem() {
        SynthException root = assertThrows(SynthException.class, () -> QualityGate.parse("no_such_metric=1"));
        assertEquals(SynthException.USAGE, root.exitCode());
        assertTrue(root.getMessage().contains("no_such_metric"), root.getMessage());
        SynthException nested = assertThrows(SynthException.class,
                () -> QualityGate.parse("privacy.no_such=1").check(metrics()));
        assertTrue(nested.getMessage().contains("privacy.no_such") && nested.getMessage().contains("column_shapes"),
                nested.getMessage());
        SynthException absent = assertThrows(SynthException.class,
                () -> QualityGate.parse("augmentation.real_only=1").check(metrics()), "no target, no augmentation");
        assertTrue(absent.getMessage().contains("augmentation"));
        SynthException text = assertThrows(SynthException.class,
                () -> QualityGate.parse("ml_efficacy.target=1").check(metrics()));
        assertTrue(text.getMessage().contains("not a number"));
        SynthException syntax = assertThrows(SynthException.class, () -> QualityGate.parse("column_shapes"));
        assertTrue(syntax.getMessage().contains("metric=number"));
    }
}
