package io.sparksynth.evaluate;

import io.sparksynth.SynthException;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.ValueCounts;
import io.sparksynth.io.Progress;
import io.sparksynth.preprocess.TrainHoldoutSplit;
import io.sparksynth.report.PlotComputer;
import io.sparksynth.report.PlotData;
import io.sparksynth.train.EpochRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes every statistic of the contract with Spark: describe tables, per-column KS / TVD and
 * coverage, pair trends and correlations, detection, ML efficacy and privacy. Returns the
 * metrics as a nested map (written as metrics.json) and the describe tables.
 */
public final class Evaluator {
    /** Distinct values per categorical column counted exactly; beyond this the rest is one bucket. */
    static final int MAX_TRACKED_VALUES = 1000;
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    public record Result(Map<String, Object> metrics, Map<String, ColumnSummary> real,
                         Map<String, ColumnSummary> synthetic, List<ColumnSpec> specs, PlotData plots,
                         List<EpochRecord> history) {
        public double score(String key) {
            Object v = metrics.get(key);
            return v instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    private Evaluator() {
    }

    public static Result evaluate(EvaluationInput in, Progress progress) {
        List<ColumnSpec> specs = in.specs();
        List<String> names = specs.stream().map(ColumnSpec::name).toList();
        Set<String> synthCols = new HashSet<>(Arrays.asList(in.synthetic().columns()));
        for (String n : names) {
            if (!synthCols.contains(n)) {
                throw SynthException.input("the synthetic table has no column '" + n + "' (real columns: " + names
                        + "): compare tables of the same schema");
            }
        }
        boolean[] continuous = new boolean[specs.size()];
        List<String> cont = new ArrayList<>();
        List<String> cat = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            continuous[i] = specs.get(i).kind() == ColumnKind.CONTINUOUS;
            (continuous[i] ? cont : cat).add(names.get(i));
        }
        Dataset<Row> real = in.reference().select(cols(names)).cache();
        Dataset<Row> synth = in.synthetic().select(cols(names)).cache();
        try {
            progress.line("evaluate: describe tables");
            Map<String, ValueCounts.Top> realCounts = counts(real, cat);
            Map<String, ValueCounts.Top> synthCounts = counts(synth, cat);
            Map<String, ColumnSummary> realSum = Describe.of(real, names, continuous, realCounts);
            Map<String, ColumnSummary> synthSum = Describe.of(synth, names, continuous, synthCounts);
            long realRows = rows(real);
            long synthRows = rows(synth);
            if (realRows == 0 || synthRows == 0) {
                throw SynthException.input("cannot evaluate: the " + (realRows == 0 ? "real" : "synthetic")
                        + " table has no rows");
            }

            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("rows", Map.of("real", realRows, "synthetic", synthRows));
            progress.line("evaluate: column shapes (exact KS over " + cont.size() + " continuous columns, TVD over "
                    + cat.size() + " categorical)");
            Map<String, Double> ks = KolmogorovSmirnov.statistics(real, synth, cont);
            Map<String, Object> columns = new LinkedHashMap<>();
            double shapeSum = 0;
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("kind", specs.get(i).kind().label());
                ColumnSummary r = realSum.get(n);
                ColumnSummary s = synthSum.get(n);
                c.put("real", r.toJson(continuous[i]));
                c.put("synthetic", s.toJson(continuous[i]));
                double shape;
                if (continuous[i]) {
                    c.put("ks", ks.get(n));
                    shape = 1 - ks.get(n);
                    c.put("range_coverage", ColumnScores.rangeCoverage(r, s));
                } else {
                    double tvd = ColumnScores.tvd(realCounts.get(n), r.count(), synthCounts.get(n), s.count());
                    c.put("tvd", tvd);
                    shape = 1 - tvd;
                    c.put("category_coverage", ColumnScores.categoryCoverage(realCounts.get(n), synthCounts.get(n)));
                }
                c.put("shape", shape);
                c.put("null_similarity", 1 - Math.abs(r.nullFraction() - s.nullFraction()));
                shapeSum += shape;
                columns.put(n, c);
            }
            metrics.put("column_shapes", shapeSum / names.size());

            progress.line("evaluate: column pair trends and correlations");
            ColumnCoder coder = coder(real, names, continuous, realCounts, realSum);
            PairTrends.Scores pairs = PairTrends.compute(PairStats.of(real, coder), PairStats.of(synth, coder), coder,
                    names, in.options());
            metrics.put("column_pair_trends", pairs.trends());
            metrics.put("correlation_mad", pairs.correlationMad());
            metrics.put("columns", columns);
            metrics.put("column_pairs", pairs.perPair());
            metrics.put("correlation", pairs.matrices());

            progress.line("evaluate: detection (real vs synthetic classifiers)");
            Map<String, Object> detection = Detection.evaluate(real, realRows, synth, synthRows, names, continuous,
                    in.options().sampleRows(), in.seed());
            metrics.put("detection_auc", detection.get("gbt_auc"));
            metrics.put("detection", detection);

            String target = in.options().target();
            if (!target.isEmpty()) {
                if (!names.contains(target)) {
                    throw SynthException.usage("target column '" + target + "' (--target / evaluate.target) is not "
                            + "among the columns " + names);
                }
                progress.line("evaluate: ML efficacy on target " + target);
                Dataset<Row> trainSet = in.train();
                Dataset<Row> testSet = in.holdout();
                if (trainSet == null || testSet == null) {
                    Dataset<Row> base = trainSet != null ? trainSet : real;
                    trainSet = TrainHoldoutSplit.train(base, 0.2, in.seed());
                    testSet = TrainHoldoutSplit.holdout(base, 0.2, in.seed());
                }
                metrics.put("ml_efficacy", MlEfficacy.evaluate(sample(trainSet, in), sample(synth, in),
                        sample(testSet, in), names, continuous, target, in.seed()));
                progress.line("evaluate: augmentation (k real rows vs k real + k synthetic rows)");
                metrics.put("augmentation", MlEfficacy.augmentation(trainSet, synth, sample(testSet, in), names,
                        continuous, target, in.seed()));
            }
            if (in.train() != null) {
                progress.line("evaluate: privacy (exact copies, distance to closest record)");
                Dataset<Row> train = in.train().select(cols(names));
                Map<String, ValueCounts.Top> trainCounts = counts(train, cat);
                Map<String, ColumnSummary> trainSum = Describe.of(train, names, continuous, trainCounts);
                Dataset<Row> holdout = in.holdout() == null ? null : in.holdout().select(cols(names));
                metrics.put("privacy", Privacy.evaluate(train, synth, synthRows, holdout,
                        holdout == null ? 0 : rows(holdout), names, continuous, trainSum, 1000, in.seed()));
            }
            progress.line("evaluate: plot data (quantiles, histograms, PCA)");
            PlotData plots = PlotComputer.compute(real, synth, names, continuous, ranges(names, continuous, realSum),
                    realCounts, synthCounts, pcaFeatures(names, continuous), in.seed());
            metrics.put("estimation", estimation(in));
            return new Result(metrics, realSum, synthSum, specs, plots, in.history());
        } finally {
            real.unpersist();
            synth.unpersist();
        }
    }

    private static Map<String, double[]> ranges(List<String> names, boolean[] continuous,
                                                Map<String, ColumnSummary> real) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (continuous[i]) {
                ColumnSummary s = real.get(names.get(i));
                out.put(names.get(i), new double[]{s.min(), s.max() > s.min() ? s.max() : s.min() + 1});
            }
        }
        return out;
    }

    /** PCA inputs: standardised continuous columns and one-hot categories, as the distance metrics use. */
    private static PlotComputer.FeatureStages pcaFeatures(List<String> names, boolean[] continuous) {
        return new PlotComputer.FeatureStages() {
            @Override
            public Dataset<Row> prepare(Dataset<Row> data) {
                return Features.prepare(data, names, continuous, null);
            }

            @Override
            public List<org.apache.spark.ml.PipelineStage> stages() {
                return Features.stages(names, continuous, null, true);
            }
        };
    }

    private static Dataset<Row> sample(Dataset<Row> d, EvaluationInput in) {
        long n = d.count();
        return io.sparksynth.preprocess.FitSample.byHash(d, (double) in.options().sampleRows() / Math.max(n, 1),
                in.seed());
    }

    private static Map<String, Object> estimation(EvaluationInput in) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("ks", "exact (sorted distinct values, two passes over range partitions)");
        e.put("tvd", "exact for up to " + MAX_TRACKED_VALUES + " distinct values per column; the rest as one bucket");
        e.put("quartiles", "Spark percentile_approx, accuracy " + Describe.QUANTILE_ACCURACY);
        e.put("pair_bins", "continuous columns cut at real deciles (approxQuantile, relative error 0.001)");
        e.put("learned_metrics_sample_rows", in.options().sampleRows());
        e.put("dcr", "exact nearest neighbour for up to 1000 sampled query rows per side");
        e.put("pca", "fitted on up to " + PlotComputer.PCA_FIT_ROWS + " real rows, plotted for up to "
                + PlotComputer.PCA_PLOT_ROWS + " rows per side");
        return e;
    }

    private static ColumnCoder coder(Dataset<Row> real, List<String> names, boolean[] continuous,
                                     Map<String, ValueCounts.Top> counts, Map<String, ColumnSummary> summary) {
        List<String> cont = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (continuous[i]) {
                cont.add(names.get(i));
            }
        }
        double[][] q = cont.isEmpty() ? new double[0][] : real.stat().approxQuantile(cont.toArray(new String[0]),
                DECILES, 1e-3);
        double[][] cuts = new double[names.size()][];
        double[] shift = new double[names.size()];
        List<List<String>> cats = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < names.size(); i++) {
            if (continuous[i]) {
                cuts[i] = Arrays.stream(q[j++]).distinct().sorted().toArray();
                double m = summary.get(names.get(i)).mean();
                shift[i] = Double.isNaN(m) ? 0 : m;
                cats.add(List.of());
            } else {
                cuts[i] = new double[0];
                cats.add(new ArrayList<>(counts.get(names.get(i)).values().keySet()));
            }
        }
        return new ColumnCoder(continuous, cuts, shift, cats);
    }

    private static Map<String, ValueCounts.Top> counts(Dataset<Row> d, List<String> cat) {
        List<Boolean> numeric = cat.stream().map(c -> false).toList();
        return ValueCounts.of(d, cat, numeric, MAX_TRACKED_VALUES);
    }

    private static long rows(Dataset<Row> d) {
        return d.count();
    }

    private static org.apache.spark.sql.Column[] cols(List<String> names) {
        return names.stream().map(n -> org.apache.spark.sql.functions.col(io.sparksynth.data.SchemaInspector.quote(n)))
                .toArray(org.apache.spark.sql.Column[]::new);
    }
}
