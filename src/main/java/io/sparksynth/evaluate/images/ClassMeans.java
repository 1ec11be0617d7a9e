package io.sparksynth.evaluate.images;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.sql.functions.col;

/**
 * The mean image of each class: one Spark aggregation (group by label, Spark ML's {@link Summarizer}
 * averaging the image vectors), so one image per class reaches the driver whatever the table's size.
 */
final class ClassMeans {
    private ClassMeans() {
    }

    /** Per class in class order, the mean image as the classifier reads images; null for a class without rows. */
    static List<float[]> of(ImageTable table, ImageLayout layout, Classes classes) {
        Map<String, double[]> means = new HashMap<>();
        for (Row r : table.rows().groupBy(ImageTable.LABEL)
                .agg(Summarizer.mean(array_to_vector(col(ImageTable.IMAGE))).as("mean")).collectAsList()) {
            means.put(r.getString(0), r.<Vector>getAs(1).toArray());
        }
        List<float[]> out = new ArrayList<>();
        for (String c : classes.names()) {
            double[] m = means.get(c);
            out.add(m == null ? null : layout.input(m));
        }
        return out;
    }
}
