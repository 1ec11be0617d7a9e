package io.sparksynth.preprocess;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

/**
 * A seeded train/holdout split decided by a hash of each row's content, so it is the same
 * whatever the partitioning or row order of the input (identical rows fall on the same side).
 */
public final class TrainHoldoutSplit {
    private static final long BUCKETS = 1_000_000L;
    private static final long SALT = 0x5EED5EEDL;

    private TrainHoldoutSplit() {
    }

    public static Dataset<Row> train(Dataset<Row> data, double holdout, long seed) {
        return holdout <= 0 ? data : data.where(inHoldout(data, holdout, seed).unary_$bang());
    }

    public static Dataset<Row> holdout(Dataset<Row> data, double holdout, long seed) {
        return data.where(inHoldout(data, holdout, seed));
    }

    private static Column inHoldout(Dataset<Row> data, double holdout, long seed) {
        return pmod(FitSample.rowHash(data, seed ^ SALT), lit(BUCKETS)).lt(lit((long) Math.round(holdout * BUCKETS)));
    }
}
