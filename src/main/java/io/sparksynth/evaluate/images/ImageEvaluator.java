package io.sparksynth.evaluate.images;

import io.sparksynth.config.EvaluateOptions;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.io.Progress;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image metrics ({@link ImageScores}) and the report's image figures ({@link ImageFigures}) of
 * every vector column with an image shape, when the table has a categorical label: the column named
 * by {@code evaluate.target}. Otherwise each image column is skipped with the reason on the console
 * (and in the log). Per column: a seeded sample of at most {@link Budget#classifierRows} real training
 * images trains the CNN on the driver; the network is broadcast and classifies every real training,
 * holdout and synthetic row on the executors (hits per label, feature moments); the augmentation
 * experiment and the figures use bounded per-class samples. Nothing proportional to the tables reaches
 * the driver.
 */
public final class ImageEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(ImageEvaluator.class);
    /** Real and synthetic images per class shown in the report. */
    public static final int SAMPLES_PER_CLASS = 8;
    /** What metrics.json's estimation says of the image metrics. */
    public static final String ESTIMATION = "image metrics: a CNN trained on a seeded sample of at most "
            + String.format("%,d", Budget.DEFAULT.classifierRows()) + " real training images; label fidelity, "
            + "holdout accuracy and the Fréchet distances over every row with a label and an image; the "
            + "augmentation experiment on the first images of each class by a seeded hash";
    /** More label values than this is not a set of image classes: the metrics are skipped. */
    static final int MAX_CLASSES = 100;

    /** The image metrics and figures, by column. */
    public record Result(Map<String, ImageScores> scores, Map<String, ImageFigures> figures) {
        public static Result none() {
            return new Result(Map.of(), Map.of());
        }
    }

    /**
     * How much work the classifiers do.
     *
     * @param classifierRows the most real training images the classifier trains on (collected to the driver)
     * @param epochs         passes of every classifier over its training images ...
     * @param minSteps       ... and at least this many minibatch steps (small training sets)
     * @param syntheticRows  the most synthetic images collected for the experiment (m per class is cut to
     *                       this divided by the classes)
     */
    record Budget(int classifierRows, int epochs, int minSteps, int syntheticRows) {
        static final Budget DEFAULT = new Budget(20_000, 3, 200, 20_000);
    }

    private ImageEvaluator() {
    }

    /**
     * @param train     the real rows the generator learned from (cleaned): the classifier's training rows and
     *                  the real side of the Fréchet distances
     * @param holdout   real rows no model saw: the reference figures and the augmentation's test set
     * @param synthetic the synthetic rows
     */
    public static Result evaluate(Dataset<Row> train, Dataset<Row> holdout, Dataset<Row> synthetic,
                                  List<ColumnSpec> specs, EvaluateOptions options, long seed, Progress progress) {
        return evaluate(train, holdout, synthetic, specs, options, seed, progress, Budget.DEFAULT);
    }

    static Result evaluate(Dataset<Row> train, Dataset<Row> holdout, Dataset<Row> synthetic, List<ColumnSpec> specs,
                           EvaluateOptions options, long seed, Progress progress, Budget budget) {
        List<ColumnSpec> images = specs.stream().filter(s -> s.vector() && !s.shape().isEmpty()).toList();
        if (images.isEmpty()) {
            return Result.none();
        }
        String names = String.join(", ", images.stream().map(ColumnSpec::name).toList());
        if (!options.images()) {
            skip(progress, names, "evaluate.images.enabled is false");
            return Result.none();
        }
        String target = options.target();
        ColumnSpec label = specs.stream().filter(s -> s.name().equals(target)).findFirst().orElse(null);
        if (target.isEmpty()) {
            skip(progress, names, "no label column: set evaluate.target (--target) to the images' categorical label");
            return Result.none();
        }
        if (label == null || !label.categorical()) {
            skip(progress, names, "evaluate.target '" + target + "' is not a categorical column"
                    + (label == null ? "" : " (it is " + label.kind().label() + ")")
                    + ", so there are no classes to recognise");
            return Result.none();
        }
        Map<String, ImageScores> scores = new LinkedHashMap<>();
        Map<String, ImageFigures> figures = new LinkedHashMap<>();
        for (ColumnSpec image : images) {
            if (Math.min(image.shape().get(0), image.shape().get(1)) < CnnClassifier.MIN_SIDE) {
                skip(progress, image.name(), "its images are smaller than " + CnnClassifier.MIN_SIDE + " x "
                        + CnnClassifier.MIN_SIDE + " pixels, too small for the classifier's two poolings");
                continue;
            }
            try (ImageTable tr = ImageTable.of(train, label, image);
                 ImageTable ho = ImageTable.of(holdout, label, image);
                 ImageTable sy = ImageTable.of(synthetic, label, image)) {
                column(image, label, tr, ho, sy, options, seed, progress, budget, scores, figures);
            }
        }
        return new Result(scores, figures);
    }

    private static void column(ColumnSpec image, ColumnSpec label, ImageTable tr, ImageTable ho, ImageTable sy,
                               EvaluateOptions options, long seed, Progress progress, Budget budget,
                               Map<String, ImageScores> scores, Map<String, ImageFigures> figures) {
        String name = image.name();
        Map<String, Long> trainCounts = tr.countPerLabel();
        if (trainCounts.size() < 2 || trainCounts.size() > MAX_CLASSES) {
            skip(progress, name, "the label " + label.name() + " has " + trainCounts.size() + " values among the real "
                    + "training images; a classifier needs 2 to " + MAX_CLASSES);
            return;
        }
        long trainRows = trainCounts.values().stream().mapToLong(Long::longValue).sum();
        long holdoutRows = ho.rows().count();
        if (holdoutRows == 0) {
            skip(progress, name, "there are no real holdout images to compare with");
            return;
        }
        long t0 = System.nanoTime();
        Classes classes = new Classes(new ArrayList<>(trainCounts.keySet()));
        double[] range = tr.range();
        ImageLayout layout = ImageLayout.of(image.shape(), range[0], range[1]);
        LabelledImages sample = tr.sample(budget.classifierRows(), trainRows, layout, classes, seed);
        int steps = CnnTraining.steps(sample.size(), budget.epochs(), budget.minSteps());
        progress.line(String.format("evaluate: images %s: training the CNN on %,d of %,d real %s images, %d classes "
                + "(%d steps of %d)", name, sample.size(), trainRows, layout.describe(), classes.size(), steps,
                CnnTraining.BATCH));
        MultiLayerNetwork net = CnnTraining.train(sample, layout, classes.size(), steps, seed);
        long t1 = System.nanoTime();
        Broadcast<byte[]> shared = Predictor.broadcast(tr.rows(), net);
        TablePredictions pTrain;
        TablePredictions pHoldout;
        TablePredictions pSynth;
        try {
            pTrain = Predictor.predict(tr.rows(), shared, layout, classes);
            pHoldout = Predictor.predict(ho.rows(), shared, layout, classes);
            pSynth = Predictor.predict(sy.rows(), shared, layout, classes);
        } finally {
            shared.destroy();
        }
        double fd = FrechetDistance.between(pTrain.features, pSynth.features);
        double fdHoldout = FrechetDistance.between(pTrain.features, pHoldout.features);
        long t2 = System.nanoTime();
        progress.line(String.format("evaluate: images %s: label fidelity %.4f (holdout accuracy %.4f), Fréchet "
                        + "distance %.4f (holdout %.4f); CNN trained in %.0f s, %,d rows classified in %.0f s", name,
                pSynth.accuracy(), pHoldout.accuracy(), fd, fdHoldout, (t1 - t0) / 1e9,
                pTrain.known() + pHoldout.known() + pSynth.known() + pSynth.unknownLabel, (t2 - t1) / 1e9));

        Map<String, Long> synthCounts = sy.countPerLabel();
        List<Integer> ks = options.augmentationReal();
        int m = Math.min(options.augmentationSynthetic(), Math.max(1, budget.syntheticRows() / classes.size()));
        int perClass = Math.max(SAMPLES_PER_CLASS, ks.isEmpty() ? 0 : m);
        LabelledImages synthSample = sy.firstPerClass(perClass, synthCounts, layout, classes, seed);
        ImageScores.Augmentation augmentation = null;
        if (!ks.isEmpty()) {
            augmentation = AugmentationExperiment.run(sample, synthSample, ho, layout, classes, ks, m,
                    budget.epochs(), budget.minSteps(), seed, progress);
        }
        long t3 = System.nanoTime();

        long[] sampled = sample.countPerClass(classes.size());
        Map<String, ImageScores.ClassCounts> perClassCounts = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            perClassCounts.put(classes.name(c), new ImageScores.ClassCounts(sampled[c], pTrain.rows[c],
                    pHoldout.rows[c], pHoldout.correct[c], pSynth.rows[c], pSynth.correct[c], share(pHoldout, c),
                    share(pSynth, c)));
        }
        ImageScores.Classifier classifier = new ImageScores.Classifier(CnnClassifier.describe(classes.size()),
                sample.size(), steps, CnnTraining.BATCH, pTrain.accuracy(),
                "the " + CnnClassifier.FEATURES + " ReLU activations of the dense layer before the softmax");
        scores.put(name, new ImageScores(label.name(), image.shape(), classifier, pSynth.accuracy(),
                pHoldout.accuracy(), fd, fdHoldout, new ImageScores.TableRows(pTrain.known(), pHoldout.known(),
                pSynth.known() + pSynth.unknownLabel), pSynth.unknownLabel, perClassCounts, augmentation));
        figures.put(name, new ImageFigures(label.name(), classes.names(), layout.height(), layout.width(),
                layout.channels(), layout.min(), layout.max(), sample.byClass(SAMPLES_PER_CLASS, classes.size()),
                synthSample.byClass(SAMPLES_PER_CLASS, classes.size()), ClassMeans.of(tr, layout, classes),
                ClassMeans.of(sy, layout, classes)));
        progress.line(String.format("evaluate: images %s done in %.0f s (augmentation %.0f s)", name,
                (System.nanoTime() - t0) / 1e9, (t3 - t2) / 1e9));
    }

    private static Double share(TablePredictions p, int c) {
        double v = p.accuracy(c);
        return Double.isNaN(v) ? null : v;
    }

    private static void skip(Progress progress, String columns, String reason) {
        String line = "evaluate: image metrics skipped for " + columns + ": " + reason;
        progress.line(line);
        LOG.info(line);
    }
}
