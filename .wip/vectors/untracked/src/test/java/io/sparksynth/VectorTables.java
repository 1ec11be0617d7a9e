package io.sparksynth;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small seeded tables with every kind of vector column, for the tests of vector columns. */
public final class VectorTables {
    /** label string, f array&lt;float&gt;, d array&lt;double&gt;, i array&lt;int&gt;, v a Spark ML vector. */
    public static final StructType SCHEMA = new StructType().add("label", DataTypes.StringType)
            .add("f", DataTypes.createArrayType(DataTypes.FloatType))
            .add("d", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("i", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("v", SQLDataTypes.VectorType());

    private VectorTables() {
    }

    /** f: 6 floats in [0, 1], null in every 7th row; d: 6 doubles in [-3, 5]; i: 6 ints in [0, 255]; v: 4 doubles in [10, 20], null in every 11th row. */
    public static Dataset<Row> table(SparkSession spark, int rows, long seed) {
        Random r = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int n = 0; n < rows; n++) {
            Float[] f = new Float[6];
            Double[] d = new Double[6];
            Integer[] i = new Integer[6];
            double[] v = new double[4];
            for (int k = 0; k < 6; k++) {
                f[k] = r.nextFloat();
                d[k] = -3 + 8 * r.nextDouble();
                i[k] = r.nextInt(256);
            }
            for (int k = 0; k < 4; k++) {
                v[k] = 10 + 10 * r.nextDouble();
            }
            out.add(RowFactory.create(r.nextBoolean() ? "a" : "b", n % 7 == 3 ? null : f, d, i,
                    n % 11 == 5 ? null : Vectors.dense(v)));
        }
        return spark.createDataFrame(out, SCHEMA);
    }
}
