package io.sparksynth.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sparksynth.evaluate.images.ImageScores;
import io.sparksynth.io.Json;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code evaluate} measures, as written to metrics.json (the keys are the contract's:
 * snake case of the component names). Optional parts (ML efficacy and augmentation need a target,
 * privacy the training rows) are null and left out of the file. {@code images} holds the image
 * metrics of each vector column with an image shape ({@link ImageScores}), when the target is the
 * images' categorical label (empty, and left out, otherwise).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metrics(RowCounts rows, double columnShapes, double columnPairTrends, double correlationMad,
                      Map<String, ColumnScore> columns, Map<String, PairScore> columnPairs,
                      CorrelationMatrices correlation, double detectionAuc, DetectionScores detection,
                      MlEfficacyScores mlEfficacy, AugmentationCurve augmentation,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, ImageScores> images,
                      PrivacyScores privacy, Estimation estimation) {
    public Metrics {
        images = images == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                images));
    }

    /** Metrics without image metrics. */
    public Metrics(RowCounts rows, double columnShapes, double columnPairTrends, double correlationMad,
                   Map<String, ColumnScore> columns, Map<String, PairScore> columnPairs,
                   CorrelationMatrices correlation, double detectionAuc, DetectionScores detection,
                   MlEfficacyScores mlEfficacy, AugmentationCurve augmentation, PrivacyScores privacy,
                   Estimation estimation) {
        this(rows, columnShapes, columnPairTrends, correlationMad, columns, columnPairs, correlation, detectionAuc,
                detection, mlEfficacy, augmentation, Map.of(), privacy, estimation);
    }

    public String toJson() {
        return Json.write(this);
    }

    public record RowCounts(long real, long synthetic) {
    }

    /**
     * One column: its describe rows and its scores. {@code ks} and {@code rangeCoverage} are set
     * for continuous columns, {@code tvd} and {@code categoryCoverage} for categorical ones. A
     * vector column (kind "vector") has {@code ks} and {@code rangeCoverage} of all its elements
     * pooled, and its {@code length}, {@code imageShape} (when configured) and
     * {@code elementMeanMad}; see {@link VectorScores} for their definitions.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ColumnScore(String kind, ColumnSummary real, ColumnSummary synthetic, Double ks, Double tvd,
                              Double rangeCoverage, Double categoryCoverage, double shape, double nullSimilarity,
                              Integer length, List<Integer> imageShape, Double elementMeanMad) {
        /** A continuous or categorical column. */
        public ColumnScore(String kind, ColumnSummary real, ColumnSummary synthetic, Double ks, Double tvd,
                           Double rangeCoverage, Double categoryCoverage, double shape, double nullSimilarity) {
            this(kind, real, synthetic, ks, tvd, rangeCoverage, categoryCoverage, shape, nullSimilarity, null, null,
                    null);
        }

        /** KS for a continuous column, TVD for a categorical one: the distance behind {@link #shape}. */
        public double distance() {
            return ks != null ? ks : tvd;
        }

        /** Range coverage (continuous) or category coverage (categorical). */
        public double coverage() {
            return rangeCoverage != null ? rangeCoverage : categoryCoverage;
        }
    }

    /**
     * One column pair: Pearson r on both sides for two continuous columns ({@code metric} =
     * "correlation"), or the real Cramer's V of the contingency table ("contingency").
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PairScore(String metric, Double real, Double synthetic, Double cramersVReal, double score) {
    }

    /** Pearson correlation matrices over the continuous columns, in {@code columns} order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CorrelationMatrices(List<String> columns, double[][] real, double[][] synthetic,
                                      double[][] absDifference) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    /**
     * @param giveaways the columns the gradient-boosting detector relies on most, with their share of its
     *                  feature importance: where the synthetic rows differ from the real ones
     */
    public record DetectionScores(long rowsPerSide, double gbtAuc, double logisticAuc,
                                  Map<String, Double> giveaways) {
    }

    /** TRTR and TSTR scores: macro F1 and accuracy for a categorical target, R^2 for a numeric one. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MlEfficacyScores(String target, String task, String learner, long rowsTrain, long rowsHoldout,
                                   Double trtrF1, Double tstrF1, Double trtrAccuracy, Double tstrAccuracy,
                                   Double trtrR2, Double tstrR2) {
        public boolean classification() {
            return trtrF1 != null;
        }
    }

    /** The MNIST paper's experiment: the learner on k real rows alone and with k synthetic rows added. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AugmentationCurve(String metric, int syntheticPerRealRow, List<Long> realRows,
                                    List<Double> realOnly, List<Double> realPlusSynthetic) {
    }

    /** Exact copies and distances to the closest training row; the holdout figures need a holdout. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrivacyScores(double exactMatchRate, int dcrQueryRows, double dcrSynthP5, double dcrSynthMedian,
                                Double dcrHoldoutP5, Double dcrHoldoutMedian) {
    }

    /**
     * Which figures are exact and which estimated, and from how many rows.
     *
     * @param vectors how vector columns are compared (null, and left out, when there are none)
     * @param images  which rows the image metrics saw (null, and left out, when there are none)
     * @param pairs   which column pairs pair trends counted (all, or a stated sample on a wide table)
     * @param identifiers the identifier columns left out of every metric (null, and left out, when none)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Estimation(String ks, String tvd, String quartiles, String pairBins, int learnedMetricsSampleRows,
                             String dcr, String pca, String vectors, String images, String pairs,
                             String identifiers) {
        public Estimation(String ks, String tvd, String quartiles, String pairBins, int learnedMetricsSampleRows,
                          String dcr, String pca, String vectors) {
            this(ks, tvd, quartiles, pairBins, learnedMetricsSampleRows, dcr, pca, vectors, null, null, null);
        }
    }
}
