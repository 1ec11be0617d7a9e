package io.sparksynth.evaluate.images;

import io.sparksynth.io.Progress;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * The MNIST GAN paper's augmentation experiment: for each k, the CNN trained on k real images per
 * class, and the same CNN (same seed) trained on those k real images per class
 * plus m synthetic images per class, both tested on the whole real holdout on the executors. The real
 * images are each class's first by a seeded hash in the classifier's training sample (so the set for
 * a smaller k is part of the set for a larger one), the synthetic ones each class's first in the
 * synthetic table. Every model is trained as the image metrics' classifier is: from the same seed,
 * for {@code epochs} passes over its images and at least {@code minSteps} minibatches (a set of 100
 * images would otherwise get 5 steps). A fixed number of steps for every model was tried first: the
 * larger augmented sets then got fewer passes than the real ones alone and lost accuracy for it.
 */
final class AugmentationExperiment {
    private AugmentationExperiment() {
    }

    static ImageScores.Augmentation run(LabelledImages realSample, LabelledImages syntheticPerClass,
                                        ImageTable holdout, ImageLayout layout, Classes classes, List<Integer> ks,
                                        int m, int epochs, int minSteps, long seed, Progress progress) {
        List<Integer> realRows = new ArrayList<>();
        List<Double> realOnly = new ArrayList<>();
        List<Double> augmented = new ArrayList<>();
        List<Double> gain = new ArrayList<>();
        List<Integer> stepsReal = new ArrayList<>();
        List<Integer> stepsAugmented = new ArrayList<>();
        LabelledImages synthetic = syntheticPerClass.firstPerClass(m, classes.size());
        long testRows = 0;
        for (int k : ks) {
            long t0 = System.nanoTime();
            LabelledImages real = realSample.firstPerClass(k, classes.size());
            LabelledImages both = real.plus(synthetic);
            int sa = CnnTraining.steps(real.size(), epochs, minSteps);
            int sb = CnnTraining.steps(both.size(), epochs, minSteps);
            TablePredictions a = test(real, holdout, layout, classes, sa, seed);
            TablePredictions b = test(both, holdout, layout, classes, sb, seed);
            stepsReal.add(sa);
            stepsAugmented.add(sb);
            testRows = a.known() + a.unknownLabel;
            realRows.add(real.size());
            realOnly.add(a.accuracy());
            augmented.add(b.accuracy());
            gain.add(b.accuracy() - a.accuracy());
            progress.line(String.format("evaluate: images augmentation k = %d real per class (%d images): accuracy "
                            + "%.4f alone, %.4f with %d synthetic (%.0f s)", k, real.size(), a.accuracy(),
                    b.accuracy(), synthetic.size(), (System.nanoTime() - t0) / 1e9));
        }
        return new ImageScores.Augmentation("accuracy", m, epochs, minSteps, CnnTraining.BATCH, testRows,
                List.copyOf(ks), realRows, synthetic.size(), stepsReal, stepsAugmented, realOnly, augmented, gain);
    }

    private static TablePredictions test(LabelledImages train, ImageTable holdout, ImageLayout layout, Classes classes,
                                         int steps, long seed) {
        MultiLayerNetwork net = CnnTraining.train(train, layout, classes.size(), steps, seed);
        Broadcast<byte[]> shared = Predictor.broadcast(holdout.rows(), net);
        try {
            return Predictor.predict(holdout.rows(), shared, layout, classes);
        } finally {
            shared.destroy();
        }
    }
}
