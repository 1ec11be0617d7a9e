package io.sparksynth.evaluate;

import io.sparksynth.SynthException;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.data.ValueCounts;
import io.sparksynth.evaluate.images.ImageEvaluator;
import io.sparksynth.io.Progress;
import io.sparksynth.preprocess.FitSample;
import io.sparksynth.preprocess.TrainHoldoutSplit;
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
 * coverage, pair trends and correlations, detection, ML efficacy and privacy, and the data of the
 * report's figures. Returns them typed; {@link Metrics#toJson()} is metrics.json. Vector columns
 * get a compact summary of their own ({@link VectorScores}) and stay out of the per-pair metrics;
 * the learned metrics and DCR see them through {@link VectorPooling}.
 */
public final class Evaluator {
    /** Distinct values per categorical column counted exactly; beyond this the rest is one bucket. */
    static final int MAX_TRACKED_VALUES = 1000;
    /** Categories of a column that pair trends tells apart (by frequency); rarer ones count as one. */
    static final int PAIR_MAX_CATEGORIES = 100;
    /** Query rows per side of the distance-to-closest-record search. */
    static final int DCR_QUERY_ROWS = 1000;
    private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private Evaluator() {
    }

    public static EvaluationResult evaluate(EvaluationInput in, Progress progress) {
        // identifiers are fresh by construction: no distribution to compare, and a unique key would let a
        // detector or a pair metric tell the tables apart by nothing but the key's values
        List<ColumnSpec> compared = in.specs().stream().filter(s -> s.kind() != ColumnKind.IDENTIFIER).toList();
        List<String> identifiers = in.specs().stream().filter(s -> s.kind() == ColumnKind.IDENTIFIER)
                .map(ColumnSpec::name).toList();
        if (!identifiers.isEmpty()) {
            progress.line("evaluate: identifiers left out of every metric (generated fresh): " + identifiers);
        }
        Columns columns = new Columns(compared);
        Columns tabular = columns.tabular();
        List<String> names = columns.names();
        Set<String> synthCols = new HashSet<>(Arrays.asList(in.synthetic().columns()));
        for (String n : names) {
            if (!synthCols.contains(n)) {
                throw SynthException.input("the synthetic table has no column '" + n + "' (real columns: " + names
                        + "): compare tables of the same schema");
            }
        }
        Dataset<Row> real = columns.select(in.reference()).cache();
        Dataset<Row> synth = columns.select(in.synthetic()).cache();
        try {
            progress.line("evaluate: describe tables");
            Map<String, ValueCounts.Top> realCounts = counts(real, columns);
            Map<String, ValueCounts.Top> synthCounts = counts(synth, columns);
            columns = columns.withTop(topValues(realCounts));
            Map<String, ColumnSummary> realSum = Describe.of(real, tabular, realCounts);
            Map<String, ColumnSummary> synthSum = Describe.of(synth, tabular, synthCounts);
            long realRows = real.count();
            long synthRows = synth.count();
            if (realRows == 0 || synthRows == 0) {
                throw SynthException.input("cannot evaluate: the " + (realRows == 0 ? "real" : "synthetic")
                        + " table has no rows");
            }

            progress.line("evaluate: column shapes (exact KS over " + columns.continuousNames().size()
                    + " continuous columns, TVD over " + columns.categoricalNames().size() + " categorical)");
            Map<String, Double> ks = KolmogorovSmirnov.statistics(real, synth, columns.continuousNames());
            if (!columns.vectors().isEmpty()) {
                progress.line("evaluate: vector columns (pooled elements: moments, exact KS, element means)");
            }
            Map<String, Metrics.ColumnScore> vectorScores = VectorScores.score(real, synth, columns.vectors());
            Map<String, Metrics.ColumnScore> scores = new LinkedHashMap<>();
            for (ColumnSpec spec : columns.specs()) {
                String n = spec.name();
                scores.put(n, spec.vector() ? vectorScores.get(n) : ColumnScores.score(spec, realSum.get(n),
                        synthSum.get(n), ks.get(n), realCounts.get(n), synthCounts.get(n)));
            }
            double shapeSum = 0;
            for (Metrics.ColumnScore c : scores.values()) {
                shapeSum += c.shape();
            }

            progress.line("evaluate: column pair trends and correlations");
            ColumnCoder coder = coder(real, tabular, realCounts, realSum);
            PairSelection selection = PairSelection.choose(coder, in.options().maxPairs(), PairStats.MAX_CELLS,
                    in.seed());
            if (selection.sampled()) {
                progress.line("evaluate: pair trends over a sample: " + selection.describe());
            }
            PairTrends.Scores pairs = PairTrends.compute(PairStats.of(tabular.select(real), coder, selection),
                    PairStats.of(tabular.select(synth), coder, selection), coder, tabular.names(), in.options());

            progress.line("evaluate: detection (real vs synthetic classifiers)");
            Metrics.DetectionScores detection = Detection.evaluate(real, realRows, synth, synthRows, columns,
                    in.options().sampleRows(), in.seed());

            // the learners' training and test rows: the given ones, else a seeded split of what there is
            Dataset<Row> trainSet = in.train();
            Dataset<Row> testSet = in.holdout();
            if (trainSet == null || testSet == null) {
                Dataset<Row> base = trainSet != null ? trainSet : real;
                trainSet = TrainHoldoutSplit.train(base, 0.2, in.seed());
                testSet = TrainHoldoutSplit.holdout(base, 0.2, in.seed());
            }
            Metrics.MlEfficacyScores ml = null;
            Metrics.AugmentationCurve augmentation = null;
            String target = in.options().target();
            if (!target.isEmpty()) {
                if (!tabular.names().contains(target)) {
                    throw SynthException.usage("target column '" + target + "' (--target / evaluate.target) is not "
                            + "among the continuous and categorical columns " + tabular.names());
                }
                progress.line("evaluate: ML efficacy on target " + target);
                // both experiments on the same bounded samples: the augmentation needs at most a few thousand
                // rows per side, and preparing (and caching) all of a large synthetic table would cost a full pass
                Dataset<Row> trainSample = sample(trainSet, in);
                Dataset<Row> synthSample = sample(synth, in);
                Dataset<Row> testSample = sample(testSet, in);
                ml = MlEfficacy.evaluate(trainSample, synthSample, testSample, columns, target, in.seed());
                progress.line("evaluate: augmentation (k real rows vs k real + k synthetic rows)");
                augmentation = MlEfficacy.augmentation(trainSample, synthSample, testSample, columns, target,
                        in.seed());
            }
            ImageEvaluator.Result images = ImageEvaluator.evaluate(trainSet, testSet, synth, in.specs(), in.options(),
                    in.seed(), progress);
            Metrics.PrivacyScores privacy = null;
            if (in.train() != null) {
                progress.line("evaluate: privacy (exact copies, distance to closest record)");
                Dataset<Row> train = columns.select(in.train()).cache(); // read by five passes
                try {
                    Map<String, ColumnSummary> trainSum = new LinkedHashMap<>(Describe.of(train, tabular,
                            counts(train, columns)));
                    trainSum.putAll(VectorScores.summaries(train, columns.vectors()));
                    Dataset<Row> holdout = in.holdout() == null ? null : columns.select(in.holdout());
                    privacy = Privacy.evaluate(train, synth, holdout, columns, trainSum, DCR_QUERY_ROWS, in.seed());
                } finally {
                    train.unpersist();
                }
            }
            progress.line("evaluate: plot data (quantiles, histograms, PCA)");
            PlotData plots = PlotComputer.compute(real, synth, columns, realSum, realCounts, synthCounts, in.seed())
                    .withImages(images.figures());
            Metrics metrics = new Metrics(new Metrics.RowCounts(realRows, synthRows), shapeSum / scores.size(), pairs.trends(),
                    pairs.correlationMad(), scores, pairs.perPair(), pairs.matrices(), detection.gbtAuc(), detection,
                    ml, augmentation, images.scores(), privacy, estimation(in, columns, !images.scores().isEmpty(),
                    selection, identifiers));
            return new EvaluationResult(metrics, compared, plots, in.history());
        } finally {
            real.unpersist();
            synth.unpersist();
        }
    }

    private static Dataset<Row> sample(Dataset<Row> d, EvaluationInput in) {
        long n = d.count();
        return FitSample.byHash(d, (double) in.options().sampleRows() / Math.max(n, 1), in.seed());
    }

    private static Metrics.Estimation estimation(EvaluationInput in, Columns columns, boolean images,
                                                 PairSelection pairs, List<String> identifiers) {
        return new Metrics.Estimation(
                "exact (sorted distinct values, two passes over range partitions)",
                "exact for up to " + MAX_TRACKED_VALUES + " distinct values per column; the rest as one bucket",
                "Spark percentile_approx, accuracy " + Describe.QUANTILE_ACCURACY,
                "continuous columns cut at real deciles (approxQuantile, relative error 0.001); categorical columns' "
                        + PAIR_MAX_CATEGORIES + " most frequent values, the rest as one",
                in.options().sampleRows(),
                "exact nearest neighbour for up to " + DCR_QUERY_ROWS + " sampled query rows per side",
                "fitted on up to " + PlotComputer.PCA_FIT_ROWS + " real rows, plotted for up to "
                        + PlotComputer.PCA_PLOT_ROWS + " rows per side",
                columns.vectors().isEmpty() ? null : "vector columns: exact KS and moments over all elements pooled; "
                        + "left out of pair trends and correlations; detection, ML efficacy, PCA and DCR see the "
                        + "means of at most " + VectorPooling.MAX_GROUPS + " element groups (image cells)",
                images ? ImageEvaluator.ESTIMATION : null, pairs.describe(),
                identifiers.isEmpty() ? null : "identifiers " + identifiers + " (generated fresh and unique) are left "
                        + "out of every metric: column shapes, pair trends, detection, ML efficacy, privacy");
    }

    private static ColumnCoder coder(Dataset<Row> real, Columns columns, Map<String, ValueCounts.Top> counts,
                                     Map<String, ColumnSummary> summary) {
        List<String> cont = columns.continuousNames();
        double[][] q = cont.isEmpty() ? new double[0][] : real.stat().approxQuantile(SchemaInspector.quoted(cont),
                DECILES, 1e-3);
        boolean[] continuous = new boolean[columns.size()];
        double[][] cuts = new double[columns.size()][];
        double[] shift = new double[columns.size()];
        List<List<String>> cats = new ArrayList<>();
        int j = 0;
        for (int i = 0; i < columns.size(); i++) {
            if (summary.get(columns.name(i)) instanceof ColumnSummary.Continuous s) {
                continuous[i] = true;
                cuts[i] = Arrays.stream(q[j++]).distinct().sorted().toArray();
                shift[i] = Double.isNaN(s.mean()) ? 0 : s.mean();
                cats.add(List.of());
            } else {
                cuts[i] = new double[0];
                // the most frequent values, the rest sharing the "unseen" code: bounded contingency tables
                List<String> values = new ArrayList<>(counts.get(columns.name(i)).values().keySet());
                cats.add(values.subList(0, Math.min(values.size(), PAIR_MAX_CATEGORIES)));
            }
        }
        return new ColumnCoder(continuous, cuts, shift, cats);
    }

    /**
     * Per categorical column, the real values its learned-metric feature keeps: all of them up to
     * {@link Features#MAX_VALUES}, else the most frequent. Every column gets a list, since synthetic
     * rows can hold values the real table lacks (fresh stand-ins for rare values) that would
     * otherwise grow an indexer past the trees' bins.
     */
    private static Map<String, List<String>> topValues(Map<String, ValueCounts.Top> counts) {
        Map<String, List<String>> top = new LinkedHashMap<>();
        counts.forEach((name, t) -> top.put(name, t.values().keySet().stream().limit(Features.MAX_VALUES).toList()));
        return top;
    }

    private static Map<String, ValueCounts.Top> counts(Dataset<Row> d, Columns columns) {
        List<String> cat = columns.categoricalNames();
        return ValueCounts.of(d, cat, cat.stream().map(c -> false).toList(), MAX_TRACKED_VALUES);
    }
}
