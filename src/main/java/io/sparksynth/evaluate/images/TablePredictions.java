package io.sparksynth.evaluate.images;

import java.io.Serializable;

/**
 * What the classifier made of one table: per class (the row's own label), its rows and how many the
 * classifier assigned to that label; rows whose label it does not know; and the moments of the
 * feature-layer activations of every row. One per partition, merged on the driver in partition order.
 */
final class TablePredictions implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] rows;
    final long[] correct;
    long unknownLabel;
    final FeatureMoments features;

    TablePredictions(int classes, int featureDim) {
        this.rows = new long[classes];
        this.correct = new long[classes];
        this.features = new FeatureMoments(featureDim);
    }

    void merge(TablePredictions other) {
        for (int c = 0; c < rows.length; c++) {
            rows[c] += other.rows[c];
            correct[c] += other.correct[c];
        }
        unknownLabel += other.unknownLabel;
        features.merge(other.features);
    }

    /** Rows of known labels. */
    long known() {
        long n = 0;
        for (long r : rows) {
            n += r;
        }
        return n;
    }

    /**
     * The share of all judged rows (unknown labels count as wrong: the classifier cannot assign them)
     * that the classifier assigns to their own label; NaN for no rows.
     */
    double accuracy() {
        long hits = 0;
        for (long c : correct) {
            hits += c;
        }
        long all = known() + unknownLabel;
        return all == 0 ? Double.NaN : (double) hits / all;
    }

    /** One class's share; NaN when it has no rows. */
    double accuracy(int c) {
        return rows[c] == 0 ? Double.NaN : (double) correct[c] / rows[c];
    }
}
