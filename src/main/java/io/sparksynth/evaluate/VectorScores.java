package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.VectorColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.explode;

/**
 * The compact comparison of a vector column, instead of one KS per element and a pair trend per
 * pair of elements (a 784-pixel column would give 784 columns and some 300,000 pairs):
 * <ul>
 *   <li>{@code real} / {@code synthetic}: count and null fraction of the vectors, and the mean,
 *       standard deviation, minimum and maximum of all their elements pooled ({@link VectorMoments});</li>
 *   <li>{@code ks}: the exact two-sample Kolmogorov-Smirnov statistic of the pooled element values
 *       (every element of every non-null vector, real against synthetic), computed with Spark by
 *       {@link KolmogorovSmirnov} on the exploded elements: the distance behind the column's
 *       {@code shape} = 1 - ks, as for a continuous column. It compares the marginal distribution of
 *       values (for images: of pixel intensities), not where in the vector they sit, and it is
 *       strict about point masses: MNIST's pixels are 81 % exactly 0, so a generator whose
 *       background is 0.003 instead of 0 scores a KS near 0.8 however good its digits look;</li>
 *   <li>{@code element_mean_mad}: the mean over the elements j of |mean_real(j) - mean_synthetic(j)|,
 *       in the column's units: how far the average vector (for images: the average image) is off,
 *       position by position;</li>
 *   <li>{@code range_coverage} of the pooled element range, {@code null_similarity} as for any column,
 *       {@code length} and {@code image_shape} (when configured).</li>
 * </ul>
 */
final class VectorScores {
    private VectorScores() {
    }

    static Map<String, Metrics.ColumnScore> score(Dataset<Row> real, Dataset<Row> synth, List<ColumnSpec> vectors) {
        Map<String, Metrics.ColumnScore> out = new LinkedHashMap<>();
        for (ColumnSpec spec : vectors) {
            VectorMoments r = VectorMoments.of(real, spec);
            VectorMoments s = VectorMoments.of(synth, spec);
            ColumnSummary.Vector rs = r.summary();
            ColumnSummary.Vector ss = s.summary();
            String name = spec.name();
            double ks = KolmogorovSmirnov.statistics(real.select(explode(VectorColumns.elements(spec)).as(name)),
                    synth.select(explode(VectorColumns.elements(spec)).as(name)), List.of(name)).get(name);
            out.put(name, new Metrics.ColumnScore(spec.kind().label(), rs, ss, ks, null,
                    ColumnScores.rangeCoverage(rs.min(), rs.max(), ss.min(), ss.max()), null, 1 - ks,
                    1 - Math.abs(rs.nullFraction() - ss.nullFraction()), spec.length(),
                    spec.shape().isEmpty() ? null : spec.shape(), VectorMoments.meanAbsDifference(r, s)));
        }
        return out;
    }

    /** The pooled describe rows of the vector columns of one table (the privacy metrics' scales). */
    static Map<String, ColumnSummary> summaries(Dataset<Row> data, List<ColumnSpec> vectors) {
        Map<String, ColumnSummary> out = new LinkedHashMap<>();
        for (ColumnSpec spec : vectors) {
            out.put(spec.name(), VectorMoments.of(data, spec).summary());
        }
        return out;
    }
}
