package io.sparksynth.api;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.evaluate.DescribeTable;
import io.sparksynth.evaluate.EvaluationInput;
import io.sparksynth.evaluate.Evaluator;
import io.sparksynth.io.Progress;
import io.sparksynth.preprocess.DataCleaner;
import io.sparksynth.report.HtmlReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluation for notebooks: the metrics of {@code evaluate}, the describe table as a DataFrame
 * (for {@code z.show}) and the report page as HTML (for {@code %html}).
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Compares synthetic rows with real ones, cleaned and typed as the model was trained.
     *
     * @param train  the real rows the model was trained on (privacy, ML efficacy), or null
     * @param target ML-efficacy target column, or null
     */
    public static Evaluator.Result evaluate(GanSynthesizerModel model, Dataset<Row> real, Dataset<Row> synthetic,
                                            Dataset<Row> train, String target) {
        List<ColumnSpec> specs = model.model().transform().specs();
        SynthConfig cfg = model.model().config();
        if (target != null) {
            cfg = cfg.with(List.of("evaluate.target=\"" + target + "\""));
        }
        Dataset<Row> r = DataCleaner.clean(real, specs, cfg.clean);
        Dataset<Row> t = train == null ? null : DataCleaner.clean(train, specs, cfg.clean);
        return Evaluator.evaluate(new EvaluationInput(r, synthetic, t, t == null ? null : r, specs, cfg.evaluate,
                cfg.seed, model.model().history()), Progress.silent());
    }

    /** The paper's describe table, real and synthetic side by side, one row per column and side. */
    @SuppressWarnings("unchecked")
    public static Dataset<Row> describe(SparkSession spark, Evaluator.Result result) {
        Map<String, Object> columns = (Map<String, Object>) result.metrics().get("columns");
        List<Row> rows = new ArrayList<>();
        for (ColumnSpec s : result.specs()) {
            Map<String, Object> c = (Map<String, Object>) columns.get(s.name());
            for (String side : List.of("real", "synthetic")) {
                Map<String, Object> d = (Map<String, Object>) c.get(side);
                boolean cont = s.kind() == ColumnKind.CONTINUOUS;
                rows.add(RowFactory.create(s.name(), side, ((Number) d.get("count")).longValue(),
                        num(d.get("null_fraction")), cont ? num(d.get("mean")) : null, cont ? num(d.get("std")) : null,
                        cont ? num(d.get("min")) : null, cont ? num(d.get("p25")) : null,
                        cont ? num(d.get("p50")) : null, cont ? num(d.get("p75")) : null,
                        cont ? num(d.get("max")) : null, num(c.get(cont ? "ks" : "tvd"))));
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
    public static String html(Evaluator.Result result) {
        return HtmlReport.render(result.metrics(), DescribeTable.summary(result), DescribeTable.render(result),
                result.plots(), result.history()).html();
    }

    /** The headline scores as text. */
    public static String summary(Evaluator.Result result) {
        return DescribeTable.summary(result);
    }

    private static Double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }
}
