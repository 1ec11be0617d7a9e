package io.sparksynth.workflow;

import io.sparksynth.preprocess.TrainHoldoutSplit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Real rows split into the rows a model learns from and a holdout no model sees, by a seeded hash
 * of each row's content (the same split whatever the partitioning or row order).
 *
 * @param holdout null when nothing is held out
 */
public record Split(Dataset<Row> train, Dataset<Row> holdout) {

    /** @param holdout the share of rows held out, in [0, 1); 0 keeps every row for training */
    public static Split of(Dataset<Row> rows, double holdout, long seed) {
        return new Split(TrainHoldoutSplit.train(rows, holdout, seed),
                holdout > 0 ? TrainHoldoutSplit.holdout(rows, holdout, seed) : null);
    }
}
