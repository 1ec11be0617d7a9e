package io.sparksynth.evaluate;

import io.sparksynth.config.EvaluateOptions;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.model.EpochRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * What to compare.
 *
 * @param reference real rows the synthetic distribution is compared with (the holdout in a pipeline)
 * @param synthetic synthetic rows
 * @param train     real rows the generator was trained on: privacy reference and TRTR training set (may be null)
 * @param holdout   real rows no model saw: the ML efficacy test set and DCR baseline (may be null)
 * @param specs     the compared columns and their kinds
 * @param history   the training losses per epoch, when a model is known (for the loss plot)
 */
public record EvaluationInput(Dataset<Row> reference, Dataset<Row> synthetic, Dataset<Row> train, Dataset<Row> holdout,
                              List<ColumnSpec> specs, EvaluateOptions options, long seed, List<EpochRecord> history) {
}
