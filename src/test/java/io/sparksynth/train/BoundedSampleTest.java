package io.sparksynth.train;

import io.sparksynth.TestSpark;
import io.sparksynth.io.Progress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table too big for the workers' memory trains on a seeded sample that fits, the same whatever the partitioning. */
class BoundedSampleTest {

    @Test
    void rowsThatFitAreAllKeptTheRestSampledByContent() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> table = spark.range(0, 20_000, 1, 3).selectExpr("id", "id % 7 AS k", "cast(id * 3 AS string) s");
        assertSame(table, ModelTrainer.boundedSample(table, 10, 2, 200_000, 1, Progress.silent()),
                "20,000 rows of width 10 fit 2 x 200,000 values");

        Dataset<Row> sample = ModelTrainer.boundedSample(table, 10, 2, 20_000, 1, Progress.silent());
        long n = sample.count();
        assertTrue(n > 3_600 && n < 4_400, "about 2 x 20,000 / 10 rows: " + n);
        Dataset<Row> repartitioned = ModelTrainer.boundedSample(table.repartition(7), 10, 2, 20_000, 1,
                Progress.silent());
        assertEquals(0, sample.exceptAll(repartitioned).count() + repartitioned.exceptAll(sample).count(),
                "the same rows whatever the partitioning");
    }
}
