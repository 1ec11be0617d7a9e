package io.sparksynth.bench;

import io.sparksynth.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fidelity bench's baseline: every column drawn from its real values, the rows' pairing broken, reproducibly. */
class IndependentColumnsTest {

    @Test
    void keepsEachColumnsValuesBreaksTheirPairingAndIgnoresPartitioning() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> real = spark.range(2000).selectExpr("id AS a", "id * 10 AS b",
                "CASE WHEN id % 7 = 0 THEN NULL ELSE concat('v', id % 5) END AS c").repartition(3);
        Dataset<Row> shuffled = IndependentColumns.of(spark, real, 5).cache();

        assertEquals(real.schema(), shuffled.schema());
        assertEquals(2000, shuffled.count());
        for (String c : real.columns()) {
            assertEquals(0, shuffled.select(c).distinct().exceptAll(real.select(c).distinct()).count(),
                    c + ": a value not in the real column");
        }
        // drawn with replacement: about 1 - 1/e of the distinct ids appear; the null share is kept
        long distinct = shuffled.select("a").distinct().count();
        assertTrue(distinct > 1150 && distinct < 1380, "distinct ids drawn: " + distinct);
        double nulls = shuffled.where("c IS NULL").count() / 2000.0;
        assertEquals(1 / 7.0, nulls, 0.03, "null share of c");
        long paired = shuffled.where("b = a * 10").count();
        assertTrue(paired < 20, "rows whose a and b still belong together: " + paired);

        List<Row> again = IndependentColumns.of(spark, real.repartition(7), 5).orderBy("a", "b", "c")
                .collectAsList();
        assertEquals(shuffled.orderBy("a", "b", "c").collectAsList(), again, "the same rows for another partitioning");
        // in the same order too: the learned metrics' bootstrap samples follow the rows' order
        assertEquals(shuffled.collectAsList(), IndependentColumns.of(spark, real.repartition(7), 5).collectAsList(),
                "the same order for another partitioning");
        shuffled.unpersist();
    }
}
