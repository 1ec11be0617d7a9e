package io.sparksynth.evaluate.images;

import java.io.Serializable;

/**
 * The sufficient statistics of a Gaussian fit to feature vectors: their count, the sum of x and the
 * sum of x x^T (in double). Each partition accumulates its own; the driver merges them in partition
 * order, so the mean and covariance do not depend on which task finished first.
 */
final class FeatureMoments implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int dim;
    private long count;
    private final double[] sum;
    /** Upper triangle (i <= j) of sum x x^T, row-major over the full matrix. */
    private final double[] outer;

    FeatureMoments(int dim) {
        this.dim = dim;
        this.sum = new double[dim];
        this.outer = new double[dim * dim];
    }

    int dim() {
        return dim;
    }

    long count() {
        return count;
    }

    void add(float[] x) {
        add(x, 0);
    }

    /** Adds the vector at {@code x[offset .. offset + dim)}. */
    void add(float[] x, int offset) {
        count++;
        for (int i = 0; i < dim; i++) {
            double xi = x[offset + i];
            sum[i] += xi;
            if (xi != 0) { // ReLU features are often exactly 0
                int row = i * dim;
                for (int j = i; j < dim; j++) {
                    outer[row + j] += xi * x[offset + j];
                }
            }
        }
    }

    void merge(FeatureMoments other) {
        count += other.count;
        for (int i = 0; i < dim; i++) {
            sum[i] += other.sum[i];
        }
        for (int k = 0; k < outer.length; k++) {
            outer[k] += other.outer[k];
        }
    }

    double[] mean() {
        double[] m = new double[dim];
        for (int i = 0; i < dim; i++) {
            m[i] = count == 0 ? Double.NaN : sum[i] / count;
        }
        return m;
    }

    /** The sample covariance, (sum x x^T - n mean mean^T) / (n - 1); NaN for fewer than two vectors. */
    double[][] covariance() {
        double[] m = mean();
        double[][] c = new double[dim][dim];
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                double v = count < 2 ? Double.NaN : (outer[i * dim + j] - count * m[i] * m[j]) / (count - 1);
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        return c;
    }
}
