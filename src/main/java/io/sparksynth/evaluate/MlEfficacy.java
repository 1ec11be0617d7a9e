package io.sparksynth.evaluate;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.sparksynth.preprocess.FitSample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * Machine-learning efficacy: the same Spark ML learner (a random forest) trained on real training
 * rows (TRTR) and on as many synthetic rows (TSTR), both tested on the real holdout. Macro F1 and
 * accuracy for a categorical target, R^2 for a numeric one.
 */
final class MlEfficacy {
    /**
     * Split statistics per pass of the forest (Spark's default is 256 MB): 50 trees of depth 10 then
     * grow their deep levels in fewer passes. With node ids cached (each row remembers its node in
     * every tree instead of walking 50 trees from their roots on every pass) a forest on Adult trains
     * in about half the time; neither setting changes the trees.
     */
    private static final int FOREST_MEMORY_MB = 512;

    private MlEfficacy() {
    }

    static Metrics.MlEfficacyScores evaluate(Dataset<Row> realTrain, Dataset<Row> synthetic, Dataset<Row> holdout,
                                             Columns columns, String target, long seed) {
        boolean regression = columns.continuous(columns.indexOf(target));
        Dataset<Row> tr = labelled(realTrain, columns, target);
        Dataset<Row> sy = labelled(synthetic, columns, target);
        Dataset<Row> ho = labelled(holdout, columns, target);
        try {
            Scores trtr = score(tr, ho, columns, target, regression, seed);
            Scores tstr = score(sy, ho, columns, target, regression, seed);
            return new Metrics.MlEfficacyScores(target, regression ? "regression" : "classification",
                    regression ? "RandomForestRegressor" : "RandomForestClassifier", tr.count(), ho.count(),
                    trtr.f1(), tstr.f1(), trtr.accuracy(), tstr.accuracy(), trtr.r2(), tstr.r2());
        } finally {
            unpersist(tr, sy, ho);
        }
    }

    /**
     * Augmentation, as in the MNIST paper: the learner trained on k real rows, then on the same k
     * real rows plus k synthetic ones, both tested on the real holdout, for growing k.
     */
    static Metrics.AugmentationCurve augmentation(Dataset<Row> realTrain, Dataset<Row> synthetic,
                                                  Dataset<Row> holdout, Columns columns, String target, long seed) {
        boolean regression = columns.continuous(columns.indexOf(target));
        Dataset<Row> tr = labelled(realTrain, columns, target);
        Dataset<Row> sy = labelled(synthetic, columns, target);
        Dataset<Row> ho = labelled(holdout, columns, target);
        try {
            long nReal = tr.count();
            long nSynth = sy.count();
            List<Long> ks = new ArrayList<>();
            List<Double> realOnly = new ArrayList<>();
            List<Double> augmented = new ArrayList<>();
            for (long k : new long[]{250, 1000, 4000}) {
                if (k > nReal || k > nSynth) {
                    break;
                }
                Dataset<Row> realK = FitSample.byHash(tr, Math.min(1.0, 1.5 * k / nReal), seed).limit((int) k);
                Dataset<Row> synthK = FitSample.byHash(sy, Math.min(1.0, 1.5 * k / nSynth), seed).limit((int) k);
                ks.add(k);
                realOnly.add(score(realK, ho, columns, target, regression, seed).headline());
                augmented.add(score(realK.unionAll(synthK), ho, columns, target, regression, seed).headline());
            }
            return new Metrics.AugmentationCurve(regression ? "r2" : "accuracy", 1, ks, realOnly, augmented);
        } finally {
            unpersist(tr, sy, ho);
        }
    }

    /**
     * The prepared features with rows of a known target only, cached: every fit reads them several
     * times (indexers, the forest, the test predictions), and each read would otherwise clean the
     * table and pool its vectors again.
     */
    private static Dataset<Row> labelled(Dataset<Row> data, Columns columns, String target) {
        return Features.prepare(data, columns, target).where(col("label_raw").isNotNull()).cache();
    }

    private static void unpersist(Dataset<?>... data) {
        for (Dataset<?> d : data) {
            d.unpersist();
        }
    }

    /** One learner's scores on the test rows: F1 and accuracy (classification) or R^2 (regression). */
    private record Scores(Double f1, Double accuracy, Double r2) {
        /** The augmentation curve's figure: accuracy, or R^2 for a numeric target. */
        double headline() {
            return r2 != null ? r2 : accuracy;
        }
    }

    private static Scores score(Dataset<Row> train, Dataset<Row> test, Columns columns, String target,
                                boolean regression, long seed) {
        List<PipelineStage> stages = new ArrayList<>(Features.stages(columns, target));
        if (regression) {
            stages.add(new RandomForestRegressor().setLabelCol("label_raw").setNumTrees(50).setMaxDepth(10)
                    .setMaxBins(Features.MAX_BINS).setCacheNodeIds(true).setMaxMemoryInMB(FOREST_MEMORY_MB)
                    .setSeed(seed));
        } else {
            stages.add(new StringIndexer().setInputCol("label_raw").setOutputCol("label").setHandleInvalid("keep")
                    .setStringOrderType("alphabetAsc"));
            stages.add(new RandomForestClassifier().setLabelCol("label").setNumTrees(50).setMaxDepth(10)
                    .setMaxBins(Features.MAX_BINS).setCacheNodeIds(true).setMaxMemoryInMB(FOREST_MEMORY_MB)
                    .setSeed(seed));
        }
        PipelineModel model = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(train);
        Dataset<Row> predicted = model.transform(test);
        if (regression) {
            return new Scores(null, null,
                    new RegressionEvaluator().setLabelCol("label_raw").setMetricName("r2").evaluate(predicted));
        }
        // per-class counts of (true label, predicted label), spelled as the real values
        String[] labels = ((org.apache.spark.ml.feature.StringIndexerModel) model.stages()[model.stages().length - 2])
                .labelsArray()[0];
        List<Row> confusion = predicted.groupBy("label_raw", "prediction").count().collectAsList();
        Map<String, long[]> perClass = new HashMap<>(); // tp, fp, fn
        Set<String> present = new HashSet<>();
        long correct = 0;
        long total = 0;
        for (Row r : confusion) {
            String truth = r.getString(0);
            int p = (int) r.getDouble(1);
            String pred = p < labels.length ? labels[p] : "\u0000unseen";
            long n = r.getLong(2);
            present.add(truth);
            if (p < labels.length) {
                present.add(pred); // as sklearn's macro average: labels of the truth and of the predictions
            }
            total += n;
            if (truth.equals(pred)) {
                correct += n;
                perClass.computeIfAbsent(truth, k -> new long[3])[0] += n;
            } else {
                perClass.computeIfAbsent(pred, k -> new long[3])[1] += n;
                perClass.computeIfAbsent(truth, k -> new long[3])[2] += n;
            }
        }
        double f1Sum = 0;
        for (String c : present) {
            long[] s = perClass.getOrDefault(c, new long[3]);
            double denom = 2.0 * s[0] + s[1] + s[2];
            f1Sum += denom == 0 ? 0 : 2.0 * s[0] / denom;
        }
        return new Scores(present.isEmpty() ? Double.NaN : f1Sum / present.size(),
                total == 0 ? Double.NaN : (double) correct / total, null);
    }
}
