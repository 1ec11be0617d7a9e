package io.sparksynth.api;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.evaluate.ColumnSummary;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.Metrics;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.io.Progress;
import io.sparksynth.report.DescribeTable;
import io.sparksynth.report.HtmlReport;
import io.sparksynth.workflow.Comparison;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation for notebooks: the metrics of {@code evaluate}, the describe table as a DataFrame
 * (for {@code z.show}) and the report page as HTML (for {@code %html}).
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Compares synthetic rows with real ones, every table cleaned as the model's training rows
     * were (the same workflow step as {@code evaluate --model} and {@code pipeline}).
     *
     * @param real   the real rows to compare with (a holdout, ideally)
     * @param train  the real rows the model was trained on (privacy, ML efficacy), or null
     * @param target ML-efficacy target column, or null
     */
    public static EvaluationResult evaluate(GanSynthesizerModel model, Dataset<Row> real, Dataset<Row> synthetic,
                                            Dataset<Row> train, String target) {
        SynthConfig cfg = model.model().config();
        if (target != null) {
            cfg = cfg.with(List.of("evaluate.target=\"" + target + "\""));
        }
        return Workflow.evaluate(model.model(), new Comparison(real, synthetic, train, train == null ? null : real),
                cfg.evaluate, cfg.seed, Progress.silent());
    }

    /**
     * The paper's describe table, real and synthetic side by side, one row per column and side (a
     * vector column's moments and range over all its elements, its pooled KS as the distance).
     */
    public static Dataset<Row> describe(SparkSession spark, EvaluationResult result) {
        List<Row> rows = new ArrayList<>();
        for (ColumnSpec s : result.specs()) {
            Metrics.ColumnScore c = result.column(s.name());
            for (ColumnSummary d : List.of(c.real(), c.synthetic())) {
                String side = d == c.real() ? "real" : "synthetic";
                if (d instanceof ColumnSummary.Continuous n) {
                    rows.add(RowFactory.create(s.name(), side, n.count(), n.nullFraction(), n.mean(), n.std(),
                            n.min(), n.p25(), n.p50(), n.p75(), n.max(), c.distance()));
                } else if (d instanceof ColumnSummary.Vector v) { // all elements pooled
                    rows.add(RowFactory.create(s.name(), side, v.count(), v.nullFraction(), v.mean(), v.std(),
                            v.min(), null, null, null, v.max(), c.distance()));
                } else {
                    rows.add(RowFactory.create(s.name(), side, d.count(), d.nullFraction(), null, null, null, null,
                            null, null, null, c.distance()));
                }
            }
        }
        StructType schema = new StructType().add("column", DataTypes.StringType).add("side", DataTypes.StringType)
                .add("count", DataTypes.LongType).add("null_fraction", DataTypes.DoubleType)
                .add("mean", DataTypes.DoubleType).add("std", DataTypes.DoubleType).add("min", DataTypes.DoubleType)
                .add("p25", DataTypes.DoubleType).add("p50", DataTypes.DoubleType).add("p75", DataTypes.DoubleType)
                .add("max", DataTypes.DoubleType).add("ks_or_tvd", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }

    /** The whole report page (self-contained HTML), for Zeppelin's {@code %html} or a file. */
    public static String html(EvaluationResult result) {
        return HtmlReport.render(result, DescribeTable.summary(result), DescribeTable.render(result), List.of())
                .html();
    }

    /** The headline scores as text. */
    public static String summary(EvaluationResult result) {
        return DescribeTable.summary(result);
    }
}
