package io.sparksynth.evaluate.images;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians N(m1, S1) and N(m2, S2), as in the FID:
 * {@code |m1 - m2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2))}. The trace of the square root is taken
 * through symmetric matrices, which is stable for the rank-deficient covariances ReLU features give:
 * {@code (S1 S2)^(1/2)} has the eigenvalues of {@code S1^(1/2) S2 S1^(1/2)}'s square roots, and this
 * matrix is symmetric positive semi-definite. Both eigen decompositions are commons-math3's
 * {@link EigenDecomposition} (on the classpath with Spark); the square root of S1 is
 * {@code V sqrt(L) V^T} from it, with eigenvalues that rounding made slightly negative taken as 0
 * ({@code EigenDecomposition.getSquareRoot} refuses a singular matrix).
 */
final class FrechetDistance {
    private FrechetDistance() {
    }

    static double between(FeatureMoments a, FeatureMoments b) {
        return between(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    /** The distance, at least 0 (rounding can take an identical pair a hair below). */
    static double between(double[] m1, double[][] s1, double[] m2, double[][] s2) {
        double d = 0;
        for (int i = 0; i < m1.length; i++) {
            d += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        RealMatrix a = symmetric(new Array2DRowRealMatrix(s1));
        RealMatrix b = symmetric(new Array2DRowRealMatrix(s2));
        RealMatrix rootA = squareRoot(a);
        RealMatrix m = symmetric(rootA.multiply(b).multiply(rootA));
        double traceRoot = 0;
        for (double ev : new EigenDecomposition(m).getRealEigenvalues()) {
            traceRoot += Math.sqrt(Math.max(ev, 0));
        }
        return Math.max(0, d + a.getTrace() + b.getTrace() - 2 * traceRoot);
    }

    /** The symmetric positive semi-definite square root of a symmetric matrix. */
    static RealMatrix squareRoot(RealMatrix s) {
        EigenDecomposition e = new EigenDecomposition(s);
        double[] ev = e.getRealEigenvalues();
        double[] root = new double[ev.length];
        for (int i = 0; i < ev.length; i++) {
            root[i] = Math.sqrt(Math.max(ev[i], 0));
        }
        RealMatrix v = e.getV();
        return v.multiply(MatrixUtils.createRealDiagonalMatrix(root)).multiply(e.getVT());
    }

    /** (M + M^T) / 2: exactly symmetric, as EigenDecomposition's symmetric path needs. */
    private static RealMatrix symmetric(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }
}
