package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.model.EpochRecord;

import java.util.List;

/**
 * What {@code evaluate} returns: the metrics (metrics.json), the compared columns, the data the
 * report's figures are drawn from, and the model's training losses when a model was given.
 */
public record EvaluationResult(Metrics metrics, List<ColumnSpec> specs, PlotData plots, List<EpochRecord> history) {
    public EvaluationResult {
        specs = List.copyOf(specs);
        history = List.copyOf(history);
    }

    /** The describe row and scores of one compared column. */
    public Metrics.ColumnScore column(String name) {
        return metrics.columns().get(name);
    }
}
