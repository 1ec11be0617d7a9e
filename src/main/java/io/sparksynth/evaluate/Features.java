package io.sparksynth.evaluate;

import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Spark ML feature columns for the learned metrics (detection, ML efficacy): categorical columns
 * indexed (unseen values kept as their own index), continuous columns as doubles with nulls set to
 * a fixed fill value plus a null indicator, vector columns as the group means of
 * {@link VectorPooling} (at most 64 features, 0 for a null vector) plus a null indicator, all
 * assembled into one vector "features".
 */
final class Features {
    static final int MAX_BINS = 128;
    /** Values a categorical feature keeps (the rest become one): within the trees' bins, with room for null and other. */
    static final int MAX_VALUES = MAX_BINS - 8;

    private Features() {
    }

    /** Renames columns to safe names f0..fn and fills nulls; the label column, if any, is kept as "label_raw". */
    static Dataset<Row> prepare(Dataset<Row> data, Columns columns, String target) {
        Dataset<Row> pooled = data;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.vector(i)) { // pooled once per row, then split into features
                pooled = pooled.withColumn(pooledName(i), VectorPooling.of(columns.get(i)).means(columns.get(i)));
            }
        }
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = col(quote(columns.name(i)));
            if (columns.vector(i)) {
                for (int k = 0; k < VectorPooling.of(columns.get(i)).size(); k++) {
                    cols.add(coalesce(col(pooledName(i)).getItem(k), lit(0.0)).as(vectorFeature(i, k)));
                }
                cols.add(c.isNull().cast("double").as("n" + i));
            } else if (columns.name(i).equals(target)) {
                cols.add((columns.continuous(i) ? c.cast("double") : c.cast("string")).as("label_raw"));
            } else if (columns.continuous(i)) {
                cols.add(coalesce(c.cast("double"), lit(0.0)).as("f" + i));
                cols.add(c.isNull().cast("double").as("n" + i));
            } else {
                Column s = c.cast("string");
                if (columns.top(i) != null) { // its real top values, the rest (and unseen values) as one
                    s = when(s.isNull().or(s.isin(columns.top(i).toArray())), s).otherwise(lit("\u0000other"));
                }
                cols.add(coalesce(s, lit("\u0000null")).as("f" + i));
            }
        }
        return pooled.select(cols.toArray(new Column[0]));
    }

    private static String pooledName(int i) {
        return "__pooled" + i;
    }

    private static String vectorFeature(int i, int k) {
        return "v" + i + "_" + k;
    }

    /** Indexers and the assembler for the prepared columns. */
    static List<PipelineStage> stages(Columns columns, String target) {
        return stages(columns, target, false);
    }

    /**
     * As {@link #stages(Columns, String)}, with categorical indexes one-hot encoded for linear models.
     * One indexer and one encoder serve all categorical columns: a wide table's hundreds of columns
     * then cost one Spark job, not one each.
     */
    static List<PipelineStage> stages(Columns columns, String target, boolean oneHot) {
        List<PipelineStage> stages = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        List<String> indexed = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        for (Input in : inputs(columns, target)) {
            if (in.name().startsWith("i")) {
                int i = in.column();
                raw.add("f" + i);
                indexed.add("i" + i);
                encoded.add("o" + i);
                inputs.add(oneHot ? "o" + i : "i" + i);
            } else {
                inputs.add(in.name());
            }
        }
        if (!raw.isEmpty()) {
            stages.add(new StringIndexer().setInputCols(raw.toArray(new String[0]))
                    .setOutputCols(indexed.toArray(new String[0])).setHandleInvalid("keep")
                    .setStringOrderType("alphabetAsc"));
            if (oneHot) {
                stages.add(new OneHotEncoder().setInputCols(indexed.toArray(new String[0]))
                        .setOutputCols(encoded.toArray(new String[0])).setHandleInvalid("keep"));
            }
        }
        stages.add(new VectorAssembler().setInputCols(inputs.toArray(new String[0])).setOutputCol("features")
                .setHandleInvalid("keep"));
        return stages;
    }

    /** One assembled input: its prepared name and the table column it comes from. */
    record Input(String name, int column) {
    }

    /**
     * The assembler's inputs in order; without one-hot encoding each is one feature, so a tree
     * model's feature importances map back to the columns through this list.
     */
    static List<Input> inputs(Columns columns, String target) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.name(i).equals(target)) {
                continue;
            }
            if (columns.vector(i)) {
                for (int k = 0; k < VectorPooling.of(columns.get(i)).size(); k++) {
                    inputs.add(new Input(vectorFeature(i, k), i));
                }
                inputs.add(new Input("n" + i, i));
            } else if (columns.continuous(i)) {
                inputs.add(new Input("f" + i, i));
                inputs.add(new Input("n" + i, i));
            } else {
                inputs.add(new Input("i" + i, i));
            }
        }
        return inputs;
    }
}
