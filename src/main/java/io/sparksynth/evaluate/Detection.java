package io.sparksynth.evaluate;

import io.sparksynth.preprocess.FitSample;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

/**
 * Detection: classifiers trained to tell real rows (label 0) from synthetic rows (label 1), equal
 * numbers of each, scored by ROC AUC on a held-out 30 %. Gradient-boosted trees are the headline
 * (they see broken relations between columns); logistic regression is the second, marginal view.
 */
final class Detection {
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
            double gbt = auc(train, test, columns, new GBTClassifier().setMaxIter(30).setMaxDepth(5)
                    .setMaxBins(Features.MAX_BINS).setSeed(seed), false);
            double logistic = auc(train, test, columns, new LogisticRegression().setMaxIter(100)
                    .setFeaturesCol("scaled"), true);
            return new Metrics.DetectionScores(n, gbt, logistic);
        } finally {
            train.unpersist();
            test.unpersist();
        }
    }

    private static double auc(Dataset<Row> train, Dataset<Row> test, Columns columns, PipelineStage learner,
                              boolean scale) {
        List<PipelineStage> stages = new ArrayList<>(Features.stages(columns, null, scale));
        if (scale) {
            stages.add(new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true));
        }
        stages.add(learner);
        Dataset<Row> predicted = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(train)
                .transform(test);
        return RocAuc.of(predicted, "label");
    }
}
