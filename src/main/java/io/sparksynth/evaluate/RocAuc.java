package io.sparksynth.evaluate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Area under the ROC curve computed from integer counts only, so that the same predictions give the
 * same bits whatever the partitioning and task order. (Spark's {@code BinaryClassificationEvaluator}
 * sums the trapezoids of its partitions in the order tasks finish, which moves the last digit from
 * one run to the next and breaks a re-run's identical metrics.)
 *
 * <p>AUC is the Mann-Whitney statistic: the share of (positive, negative) pairs in which the positive
 * scores higher, ties counting one half. Rows are grouped by score; each group contributes
 * {@code positives * (negatives below + negatives tied / 2)}, accumulated in doubled integers.
 */
final class RocAuc {
    private RocAuc() {
    }

    /** AUC of {@code rawPrediction[1]} (the positive class's margin) for label 1.0 against label 0.0. */
    static double of(Dataset<Row> predicted, String labelCol) {
        Dataset<Row> scored = predicted.select(
                element_at(org.apache.spark.ml.functions.vector_to_array(col("rawPrediction"), "float64"), 2)
                        .as("score"),
                col(labelCol).as("label"));
        Dataset<Row> groups = scored.groupBy("score").agg(
                sum(when(col("label").equalTo(1.0), 1L).otherwise(0L)).as("p"),
                sum(when(col("label").equalTo(1.0), 0L).otherwise(1L)).as("n"));
        // the distinct scores of a bounded test sample (Detection's sample-rows), so collected and
        // accumulated in score order here
        List<Row> counts = new ArrayList<>(groups.collectAsList());
        counts.sort(Comparator.comparingDouble(g -> g.getDouble(0)));
        long doubled = 0;
        long positives = 0;
        long negatives = 0;
        for (Row g : counts) {
            long p = g.getLong(1);
            long n = g.getLong(2);
            doubled += 2 * p * negatives + p * n;
            positives += p;
            negatives += n;
        }
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs rows of both labels in the test sample");
        }
        return doubled / (2.0 * positives * negatives);
    }
}
