package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.VectorColumns;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.Arrays;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Per-element moments of one vector column of one table, from Spark ML's {@link Summarizer} (one
 * distributed pass over the non-null vectors, after one count): element means and sample variances,
 * and the range of all elements. Small (two arrays of the column's length) and enough for the pooled
 * describe row and the element-wise mean difference, so no element reaches the driver.
 *
 * @param rows     rows of the table
 * @param count    non-null vectors
 * @param mean     per element: the mean over the non-null vectors (empty when there are none)
 * @param variance per element: the sample variance over the non-null vectors
 */
record VectorMoments(long rows, long count, double[] mean, double[] variance, double min, double max) {

    static VectorMoments of(Dataset<Row> data, ColumnSpec spec) {
        Column c = col(quote(spec.name()));
        Row n = data.agg(functions.count(lit(1)), functions.count(c)).first();
        long rows = n.getLong(0);
        long count = n.getLong(1);
        if (count == 0) {
            return new VectorMoments(rows, 0, new double[0], new double[0], Double.NaN, Double.NaN);
        }
        Column v = spec.sparkType().equals(ColumnSpec.VECTOR_TYPE) ? c
                : org.apache.spark.ml.functions.array_to_vector(VectorColumns.elements(spec));
        Row s = data.where(c.isNotNull())
                .select(Summarizer.metrics("mean", "variance", "min", "max").summary(v).as("s"))
                .select("s.mean", "s.variance", "s.min", "s.max").first();
        return new VectorMoments(rows, count, s.<Vector>getAs(0).toArray(), s.<Vector>getAs(1).toArray(),
                Arrays.stream(s.<Vector>getAs(2).toArray()).min().orElse(Double.NaN),
                Arrays.stream(s.<Vector>getAs(3).toArray()).max().orElse(Double.NaN));
    }

    /**
     * The describe row of all elements pooled: the mean of the element means, and the sample
     * standard deviation from the within-element and between-element sums of squares
     * ({@code sum_j (n - 1) var_j + n (mean_j - mean)^2} over {@code n * length - 1}), which is the
     * standard deviation of every element value of every non-null vector.
     */
    ColumnSummary.Vector summary() {
        double nullFraction = rows == 0 ? 0 : 1 - (double) count / rows;
        if (count == 0) {
            return new ColumnSummary.Vector(0, nullFraction, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double pooled = 0;
        for (double m : mean) {
            pooled += m / mean.length;
        }
        double ss = 0;
        for (int j = 0; j < mean.length; j++) {
            double d = mean[j] - pooled;
            ss += (count - 1) * variance[j] + count * d * d;
        }
        return new ColumnSummary.Vector(count, nullFraction, pooled, Math.sqrt(ss / ((double) count * mean.length - 1)),
                min, max);
    }

    /** The mean over elements of |mean_real - mean_synthetic|; NaN when either side has no vectors. */
    static double meanAbsDifference(VectorMoments real, VectorMoments synth) {
        if (real.count == 0 || synth.count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int j = 0; j < real.mean.length; j++) {
            sum += Math.abs(real.mean[j] - synth.mean[j]);
        }
        return sum / real.mean.length;
    }
}
