package io.sparksynth.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.sparksynth.evaluate.Metrics;
import io.sparksynth.evaluate.QualityGate;
import io.sparksynth.model.ModelProvenance;

import java.util.List;

/**
 * manifest.json beside a pipeline run's outputs: what a scheduler or a person checks first. The
 * status says whether the synthetic table was published; the rest records the run.
 *
 * @param runId null for a run without {@code --run-id} (written as null)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Manifest(String status, @JsonInclude(JsonInclude.Include.ALWAYS) String runId, String finished,
                       String input, long seed, double holdout, Rows rows, Outputs outputs, ModelProvenance model,
                       Headline metrics, List<QualityGate.Check> qualityGate, Durations durationsSeconds) {
    public static final String PUBLISHED = "published";
    public static final String REJECTED = "rejected by quality gate";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rows(long train, long comparedReal, long synthetic) {
    }

    public record Outputs(String model, String synthetic, String report) {
    }

    /** The headline figures of metrics.json (the whole file is in the report directory). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Headline(double columnShapes, double columnPairTrends, double correlationMad, double detectionAuc,
                           Metrics.MlEfficacyScores mlEfficacy, Metrics.PrivacyScores privacy) {
        static Headline of(Metrics m) {
            return new Headline(m.columnShapes(), m.columnPairTrends(), m.correlationMad(), m.detectionAuc(),
                    m.mlEfficacy(), m.privacy());
        }
    }

    public record Durations(double train, double generate, double evaluate, double total) {
    }
}
