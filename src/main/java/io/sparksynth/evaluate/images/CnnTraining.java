package io.sparksynth.evaluate.images;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Trains a {@link CnnClassifier} on the driver for a fixed number of minibatch steps: the images are
 * visited in seeded shuffled passes (a new permutation per pass), {@link #BATCH} images a step, so the
 * same images, steps and seed give the same network.
 */
final class CnnTraining {
    static final int BATCH = 64;

    private CnnTraining() {
    }

    /** Steps of {@code epochs} passes over {@code rows} images, and at least {@code minSteps}. */
    static int steps(int rows, int epochs, int minSteps) {
        return Math.max(minSteps, (int) Math.ceil((double) epochs * rows / BATCH));
    }

    static MultiLayerNetwork train(LabelledImages data, ImageLayout layout, int classes, int steps, long seed) {
        MultiLayerNetwork net = CnnClassifier.build(layout, classes, seed);
        int n = data.size();
        if (n == 0) {
            return net;
        }
        int d = layout.size();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = permutation(n, rng);
        int next = 0;
        for (int s = 0; s < steps; s++) {
            int b = Math.min(BATCH, n);
            float[] x = new float[b * d];
            float[] y = new float[b * classes];
            for (int i = 0; i < b; i++) {
                if (next == n) {
                    order = permutation(n, rng);
                    next = 0;
                }
                int row = order[next++];
                System.arraycopy(data.images().get(row), 0, x, i * d, d);
                y[i * classes + data.labels()[row]] = 1;
            }
            INDArray features = Nd4j.create(x, new long[]{b, d}, 'c');
            INDArray labels = Nd4j.create(y, new long[]{b, classes}, 'c');
            net.fit(features, labels);
        }
        return net;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
