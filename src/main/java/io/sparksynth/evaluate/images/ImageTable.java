package io.sparksynth.evaluate.images;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.VectorColumns;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * One table's labelled images as Spark sees them: the label cast to string ({@code label}) and the
 * image's elements as {@code array<double>} ({@code image}), rows with a null label or image left
 * out. Cached, since the image metrics read it several times; {@link #close} releases it. Samples
 * reach the driver bounded and chosen by a seeded hash of the row, so they do not depend on the
 * partitioning.
 */
final class ImageTable implements AutoCloseable {
    static final String LABEL = "label";
    static final String IMAGE = "image";
    private static final long BUCKETS = 1_000_000L;

    private final Dataset<Row> rows;

    private ImageTable(Dataset<Row> rows) {
        this.rows = rows;
    }

    static ImageTable of(Dataset<Row> data, ColumnSpec label, ColumnSpec image) {
        Column l = col(quote(label.name())).cast("string");
        Column e = VectorColumns.elements(image);
        return new ImageTable(data.select(l.as(LABEL), e.as(IMAGE)).where(l.isNotNull().and(e.isNotNull())).cache());
    }

    Dataset<Row> rows() {
        return rows;
    }

    @Override
    public void close() {
        rows.unpersist();
    }

    /** Rows per label value. */
    Map<String, Long> countPerLabel() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Row r : rows.groupBy(LABEL).count().collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /** The smallest and largest element of all images; NaN when there are none. */
    double[] range() {
        Row r = rows.agg(min(array_min(col(IMAGE))), max(array_max(col(IMAGE)))).first();
        return r.isNullAt(0) ? new double[]{Double.NaN, Double.NaN} : new double[]{r.getDouble(0), r.getDouble(1)};
    }

    /**
     * At most {@code max} images of known classes, the first in the seeded hash order ({@link #bucket}):
     * only a hash-chosen share of the rows (about 1.2 {@code max}) is sorted, and only {@code max} rows
     * are collected.
     */
    LabelledImages sample(int max, long total, ImageLayout layout, Classes classes, long seed) {
        Dataset<Row> d = rows.withColumn("b", bucket(seed)).withColumn("h", hash(seed));
        if (total > max) {
            double share = Math.min(1, (1.2 * max + 100) / total);
            d = d.where(col("b").lt(lit((long) Math.ceil(share * BUCKETS))));
        }
        return collect(d.orderBy(col("b"), col("h"), col(LABEL)).limit(max), layout, classes);
    }

    /**
     * The first {@code perClass} images of every known class by seeded hash (all of a class that has
     * fewer), grouped by class in class order. Before the per-class ranking, each class is thinned by
     * the hash to about twice {@code perClass} rows (its count from {@code counts}), so the window sorts
     * little more than what is kept.
     */
    LabelledImages firstPerClass(int perClass, Map<String, Long> counts, ImageLayout layout, Classes classes,
                                 long seed) {
        Column keep = lit(false);
        for (String c : classes.names()) {
            long n = counts.getOrDefault(c, 0L);
            if (n == 0) {
                continue;
            }
            double share = Math.min(1, (2.0 * perClass + 100) / n);
            keep = when(col(LABEL).equalTo(c), col("b").lt(lit((long) Math.ceil(share * BUCKETS)))).otherwise(keep);
        }
        Dataset<Row> thinned = rows.withColumn("b", bucket(seed)).withColumn("h", hash(seed)).where(keep);
        Dataset<Row> ranked = thinned.withColumn("rank", row_number().over(Window.partitionBy(LABEL).orderBy("b",
                "h"))).where(col("rank").leq(perClass));
        List<LabelledImages.Sample> samples = new ArrayList<>(collect(ranked.orderBy(LABEL, "rank"), layout, classes)
                .toSamples());
        samples.sort(java.util.Comparator.comparingInt(LabelledImages.Sample::label)); // stable: hash order within
        return LabelledImages.of(samples);
    }

    private static Column hash(long seed) {
        return xxhash64(lit(seed), col(LABEL), col(IMAGE));
    }

    /**
     * The seeded hash's bucket: rows are thinned by it (bucket below a share) and ordered by it first,
     * then by the hash, so the first rows in that order are the same whatever the thinning's share.
     */
    private static Column bucket(long seed) {
        return pmod(hash(seed), lit(BUCKETS));
    }

    /** Collects label and image, converted on the executors to the classifier's float input. */
    private static LabelledImages collect(Dataset<Row> d, ImageLayout layout, Classes classes) {
        Function<Row, LabelledImages.Sample> toSample = r -> new LabelledImages.Sample(classes.of(r.getString(0)),
                layout.input(r.getList(1)));
        List<LabelledImages.Sample> samples = d.select(LABEL, IMAGE).javaRDD().map(toSample)
                .filter(s -> s.label() >= 0).collect();
        return LabelledImages.of(samples);
    }
}
