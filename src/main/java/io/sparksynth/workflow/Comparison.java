package io.sparksynth.workflow;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables an evaluation compares, as read (the workflow cleans them).
 *
 * @param reference real rows the synthetic distribution is compared with (the holdout in a pipeline)
 * @param synthetic synthetic rows
 * @param train     real rows the generator learned from: privacy reference, ML-efficacy training set (or null)
 * @param holdout   real rows no model saw: ML-efficacy test set, distance baseline (or null)
 */
public record Comparison(Dataset<Row> reference, Dataset<Row> synthetic, Dataset<Row> train, Dataset<Row> holdout) {
}
