package io.sparksynth.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

/**
 * A wide table of mixed columns with structure to learn, for the wide-table bench: five latent
 * factors drive every column, so the columns correlate in groups. Continuous columns are
 * normal or log-normal (skewed), some with nulls; categorical columns cut a factor-driven value
 * into 2 to 12 labelled levels. Deterministic for a seed and row count (fixed partitioning).
 */
public final class WideTables {
    static final int FACTORS = 5;
    static final int PARTITIONS = 4;

    private WideTables() {
    }

    public static Dataset<Row> make(SparkSession spark, int columns, long rows, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Dataset<Row> base = spark.range(0, rows, 1, PARTITIONS).toDF();
        List<Column> factors = new ArrayList<>();
        for (int f = 0; f < FACTORS; f++) {
            base = base.withColumn("z" + f, randn(seed * 31 + f));
            factors.add(col("z" + f));
        }
        List<Column> out = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            // each column loads on one or two factors, plus its own noise
            int f1 = rng.nextInt(FACTORS);
            int f2 = rng.nextInt(FACTORS);
            Column latent = factors.get(f1).multiply(0.5 + rng.nextDouble())
                    .plus(factors.get(f2).multiply(rng.nextDouble() - 0.5))
                    .plus(randn(seed * 7919 + j).multiply(0.6));
            if (j % 2 == 0) {
                Column x = j % 6 == 0 ? exp(latent.multiply(0.7)).multiply(100) : latent.multiply(10).plus(50);
                if (j % 10 == 4) {
                    x = when(rand(seed * 104729 + j).lt(0.08), lit(null)).otherwise(x);
                }
                out.add(x.cast("double").as("num_" + j));
            } else {
                int levels = 2 + rng.nextInt(11);
                Column level = floor(latent.plus(3).multiply(levels / 6.0));
                Column clipped = when(level.lt(0), lit(0)).when(level.geq(levels), lit(levels - 1)).otherwise(level);
                out.add(functionsConcat(clipped).as("cat_" + j));
            }
        }
        return base.select(out.toArray(new Column[0]));
    }

    private static Column functionsConcat(Column level) {
        return org.apache.spark.sql.functions.concat(lit("level_"), level.cast("long").cast("string"));
    }
}
