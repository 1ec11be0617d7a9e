package io.sparksynth.config;

import java.io.Serializable;
import java.util.List;

/**
 * Evaluation settings.
 *
 * @param maxPairs            the most pairs with a categorical column the pair metrics count; a wider table's
 *                            are a seeded uniform sample of this many (pairs of two continuous columns are all
 *                            counted)
 * @param images              whether vector columns with an image shape get the image metrics (a small CNN
 *                            classifier: label fidelity, Fréchet distance, the augmentation experiment)
 * @param augmentationReal    the augmentation experiment's numbers of real images per class (k), ascending;
 *                            empty: no experiment
 * @param augmentationSynthetic synthetic images per class added to the k real ones (m)
 */
public record EvaluateOptions(String target, int sampleRows, double pairMinCorrelation, double pairMinCramersV,
                              int maxPairs,
                              boolean images, List<Integer> augmentationReal, int augmentationSynthetic)
        implements Serializable {
    /**
     * The most images per class the augmentation experiment collects to the driver on one side (real or
     * synthetic): its classifiers train there.
     */
    public static final int MAX_AUGMENTATION_PER_CLASS = 2000;

    public EvaluateOptions {
        augmentationReal = List.copyOf(augmentationReal);
    }

    static EvaluateOptions from(Section c) {
        EvaluateOptions e = new EvaluateOptions(c.getString("target"), c.getInt("sample-rows"),
                c.getDouble("pair-min-correlation"), c.getDouble("pair-min-cramers-v"), c.getInt("max-pairs"),
                c.getBoolean("images.enabled"), c.getIntList("images.augmentation-real"),
                c.getInt("images.augmentation-synthetic"));
        SynthConfig.check(e.sampleRows >= 100, "evaluate.sample-rows", "must be at least 100");
        // |correlation| and Cramer's V lie in [0, 1]: a threshold above 1 would silently leave no pair
        SynthConfig.check(e.pairMinCorrelation >= 0 && e.pairMinCorrelation <= 1, "evaluate.pair-min-correlation",
                "must be in [0, 1]");
        SynthConfig.check(e.pairMinCramersV >= 0 && e.pairMinCramersV <= 1, "evaluate.pair-min-cramers-v",
                "must be in [0, 1]");
        SynthConfig.check(e.maxPairs >= 1, "evaluate.max-pairs", "must be at least 1");
        List<Integer> k = e.augmentationReal;
        boolean ascending = true;
        for (int i = 0; i < k.size(); i++) {
            ascending &= k.get(i) >= 1 && k.get(i) <= MAX_AUGMENTATION_PER_CLASS && (i == 0 || k.get(i) > k.get(i - 1));
        }
        SynthConfig.check(ascending, "evaluate.images.augmentation-real", "must list numbers of real images per "
                + "class from 1 to " + MAX_AUGMENTATION_PER_CLASS + " in ascending order, e.g. [10, 50, 100, 500]");
        SynthConfig.check(e.augmentationSynthetic >= 1 && e.augmentationSynthetic <= MAX_AUGMENTATION_PER_CLASS,
                "evaluate.images.augmentation-synthetic", "must be from 1 to " + MAX_AUGMENTATION_PER_CLASS);
        return e;
    }
}
