package io.sparksynth.evaluate;

import io.sparksynth.preprocess.FitSample;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

/**
 * Detection: classifiers trained to tell real rows (label 0) from synthetic rows (label 1), equal
 * numbers of each, scored by ROC AUC on a held-out 30 %. Gradient-boosted trees are the headline
 * (they see broken relations between columns); logistic regression is the second, marginal view.
 * The trees' feature importances name the columns that give the synthetic rows away.
 */
final class Detection {
    /** Columns listed as giveaways: enough to say where to look, few enough to read. */
    static final int GIVEAWAYS = 5;

    private Detection() {
    }

    static Metrics.DetectionScores evaluate(Dataset<Row> real, long realRows, Dataset<Row> synthetic, long synthRows,
                                            Columns columns, int sampleRows, long seed) {
        long n = Math.min(Math.min(realRows, synthRows), sampleRows);
        Dataset<Row> r = Features.prepare(FitSample.byHash(real, (double) n / Math.max(realRows, 1), seed),
                columns, null).withColumn("label", lit(0.0));
        Dataset<Row> s = Features.prepare(FitSample.byHash(synthetic, (double) n / Math.max(synthRows, 1), seed),
                columns, null).withColumn("label", lit(1.0));
        Dataset<Row> all = r.unionAll(s);
        // split by the row's content without its label: a row that is both real and synthetic (a copy)
        // lands on one side, so the detector cannot learn it in training and be scored on it in test
        Dataset<Row> withKey = all.withColumn("__k", pmod(FitSample.rowHash(all.drop("label"), seed + 7),
                lit(100L)));
        Dataset<Row> train = withKey.where("__k < 70").drop("__k").cache();
        Dataset<Row> test = withKey.where("__k >= 70").drop("__k").cache();
        try {
            PipelineModel gbt = fit(train, columns, new GBTClassifier().setMaxIter(30).setMaxDepth(5)
                    .setMaxBins(Features.MAX_BINS).setCacheNodeIds(true).setSeed(seed), false);
            PipelineModel logistic = fit(train, columns, new LogisticRegression().setMaxIter(100)
                    .setFeaturesCol("scaled"), true);
            return new Metrics.DetectionScores(n, RocAuc.of(gbt.transform(test), "label"),
                    RocAuc.of(logistic.transform(test), "label"), giveaways(gbt, columns));
        } finally {
            train.unpersist();
            test.unpersist();
        }
    }

    private static PipelineModel fit(Dataset<Row> train, Columns columns, PipelineStage learner, boolean scale) {
        List<PipelineStage> stages = new ArrayList<>(Features.stages(columns, null, scale));
        if (scale) {
            stages.add(new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true));
        }
        stages.add(learner);
        return new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(train);
    }

    /** The trees' feature importances summed per column: the largest few, largest first. */
    static Map<String, Double> giveaways(PipelineModel gbt, Columns columns) {
        Transformer last = gbt.stages()[gbt.stages().length - 1];
        double[] importance = ((GBTClassificationModel) last).featureImportances().toArray();
        List<Features.Input> inputs = Features.inputs(columns, null);
        double[] byColumn = new double[columns.size()];
        for (int f = 0; f < importance.length && f < inputs.size(); f++) {
            byColumn[inputs.get(f).column()] += importance[f];
        }
        Map<String, Double> top = new LinkedHashMap<>();
        IntStream.range(0, columns.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -byColumn[i]).thenComparing(i -> i))
                .filter(i -> byColumn[i] > 0).limit(GIVEAWAYS)
                .forEach(i -> top.put(columns.name(i), Math.round(byColumn[i] * 1e4) / 1e4));
        return top;
    }
}
