package io.sparksynth.evaluate.images;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * The image metrics of one vector column with an image shape, as written to metrics.json under
 * {@code images.<column>}. A small CNN ({@link CnnClassifier}) is trained on the real training images
 * and their labels; then:
 * <ul>
 *   <li>{@code labelFidelity}: the share of synthetic rows whose image the classifier assigns to the
 *       row's own label (generated with the image), beside {@code holdoutAccuracy}, the same share for
 *       the real holdout rows: the figure real images reach;</li>
 *   <li>{@code frechetDistance}: the Fréchet distance between Gaussian fits of the classifier's
 *       feature-layer activations (dense 64, ReLU, the penultimate layer) of the real training images
 *       and of the synthetic ones, beside {@code holdoutFrechetDistance}: real training against real
 *       holdout images, the distance that sampling alone gives;</li>
 *   <li>{@code classes}: per label value, the rows each figure counted;</li>
 *   <li>{@code augmentation}: the MNIST GAN paper's experiment (null when not run).</li>
 * </ul>
 *
 * @param label                the label column (evaluate.target)
 * @param rows                 rows with a label and an image, per table
 * @param unknownLabelRows     synthetic rows whose label the real training rows lack (counted as misassigned)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageScores(String label, List<Integer> imageShape, Classifier classifier, double labelFidelity,
                          double holdoutAccuracy, double frechetDistance, double holdoutFrechetDistance,
                          TableRows rows, long unknownLabelRows, Map<String, ClassCounts> classes,
                          Augmentation augmentation) {

    /**
     * @param trainingRows     images the classifier was trained on (a seeded sample of the real training rows)
     * @param steps            minibatch steps of {@code batchSize} images
     * @param trainingAccuracy the share of all real training rows it assigns to their label
     * @param features         the space of the Fréchet distances
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Classifier(String architecture, int trainingRows, int steps, int batchSize, double trainingAccuracy,
                             String features) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TableRows(long train, long holdout, long synthetic) {
    }

    /**
     * One label value's rows: in the classifier's training sample, in the real training table (the real
     * side of the Fréchet distances), in the holdout and in the synthetic table, with how many of the
     * holdout and synthetic rows the classifier assigns to it, and those shares (null without rows).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClassCounts(long classifierTraining, long train, long holdout, long holdoutCorrect, long synthetic,
                              long syntheticCorrect, Double holdoutAccuracy, Double labelFidelity) {
    }

    /**
     * The same CNN, trained from the same seed for {@code epochs} passes (at least {@code minSteps}
     * minibatches of {@code batchSize}), on {@code k} real images per class ({@code realPerClass}) alone
     * and with {@code syntheticPerClass} synthetic images per class added (as many as the synthetic table
     * has of a class, if fewer), its accuracy on the real holdout ({@code testRows} rows) for each k, and
     * the gain (real + synthetic minus real only).
     *
     * @param realRows      real images used, per k (fewer than k times the classes where a class is short)
     * @param syntheticRows synthetic images added (the same for every k)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Augmentation(String metric, int syntheticPerClass, int epochs, int minSteps, int batchSize,
                               long testRows, List<Integer> realPerClass, List<Integer> realRows, int syntheticRows,
                               List<Integer> stepsRealOnly, List<Integer> stepsRealPlusSynthetic,
                               List<Double> realOnly, List<Double> realPlusSynthetic, List<Double> gain) {
    }
}
