package io.sparksynth.data;

import io.sparksynth.SynthException;
import io.sparksynth.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures to read classified by their cause: the data's (exit 3) or the cluster's (exit 1). */
class InputReaderTest {
    static final String GOOD_INPUT = "data/eustock_losses.parquet";

    /**
     * A standalone master that cannot launch executors ends the application and stops the
     * SparkContext; reading good data then fails. That is the cluster's failure, not the input's:
     * a scheduler must not be told to look at the data. (A stopped local session is the same state
     * without a cluster; the next test gets a fresh session from TestSpark.)
     */
    @Test
    void aStoppedSparkContextIsAClusterFailureNotBadInput() {
        SparkSession spark = TestSpark.session();
        spark.stop();
        SynthException e = assertThrows(SynthException.class, () -> InputReader.read(spark, GOOD_INPUT));
        assertEquals(SynthException.FAILURE, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("the Spark cluster stopped while reading " + GOOD_INPUT), e.getMessage());
        assertTrue(e.getMessage().contains("the input was not at fault"), e.getMessage());
        assertFalse(e.getMessage().contains("valid Parquet"), e.getMessage());
    }

    @Test
    void aCorruptInputOnALiveClusterIsBadInput() {
        SynthException e = assertThrows(SynthException.class,
                () -> InputReader.read(TestSpark.session(), "README.md"));
        assertEquals(SynthException.INPUT, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read Parquet from README.md"), e.getMessage());
    }
}
