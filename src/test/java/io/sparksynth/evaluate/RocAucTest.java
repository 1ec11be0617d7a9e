package io.sparksynth.evaluate;

import io.sparksynth.TestSpark;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The detection AUC: Spark's value, the same bits for any partitioning, and the textbook ends. */
class RocAucTest {

    @Test
    void matchesSparksEvaluatorAndDoesNotDependOnPartitioning() {
        SparkSession spark = TestSpark.session();
        Random r = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            double label = r.nextBoolean() ? 1.0 : 0.0;
            double margin = Math.round((r.nextGaussian() + 0.7 * label) * 8) / 8.0; // many ties
            rows.add(RowFactory.create(Vectors.dense(-margin, margin), label));
        }
        Dataset<Row> predicted = spark.createDataFrame(rows, schema());
        double spark1 = new BinaryClassificationEvaluator().setMetricName("areaUnderROC").evaluate(predicted);
        double one = RocAuc.of(predicted.coalesce(1), "label");
        assertEquals(spark1, one, 1e-12);
        for (int parts : new int[]{2, 7, 13}) {
            assertEquals(Double.doubleToLongBits(one),
                    Double.doubleToLongBits(RocAuc.of(predicted.repartition(parts), "label")), parts + " partitions");
        }
    }

    @Test
    void separationReversalAndTiesGiveOneZeroAndAHalf() {
        SparkSession spark = TestSpark.session();
        assertEquals(1.0, RocAuc.of(table(spark, new double[]{0.1, 0.2, 0.8, 0.9}, new double[]{0, 0, 1, 1}),
                "label"));
        assertEquals(0.0, RocAuc.of(table(spark, new double[]{0.9, 0.8, 0.2, 0.1}, new double[]{0, 0, 1, 1}),
                "label"));
        assertEquals(0.5, RocAuc.of(table(spark, new double[]{0.3, 0.3, 0.3, 0.3}, new double[]{0, 1, 0, 1}),
                "label"));
        // one positive above one of two negatives and tied with the other: (1 + 0.5) / 2
        assertEquals(0.75, RocAuc.of(table(spark, new double[]{0.1, 0.5, 0.5}, new double[]{0, 0, 1}), "label"));
        assertThrows(IllegalArgumentException.class,
                () -> RocAuc.of(table(spark, new double[]{0.1, 0.5}, new double[]{1, 1}), "label"));
    }

    private static Dataset<Row> table(SparkSession spark, double[] score, double[] label) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < score.length; i++) {
            rows.add(RowFactory.create(Vectors.dense(-score[i], score[i]), label[i]));
        }
        return spark.createDataFrame(rows, schema()).repartition(2);
    }

    private static StructType schema() {
        return new StructType(new StructField[]{
                new StructField("rawPrediction", new VectorUDT(), false, Metadata.empty()),
                new StructField("label", DataTypes.DoubleType, false, Metadata.empty())});
    }
}
