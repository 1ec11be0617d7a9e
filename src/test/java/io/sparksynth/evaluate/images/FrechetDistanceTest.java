package io.sparksynth.evaluate.images;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Fréchet distance against cases computed by hand, and the moments it is fed from partitions. */
@Tag("fast")
class FrechetDistanceTest {

    /** Diagonal covariances commute: |m1 - m2|^2 + sum_i (sqrt(a_i) - sqrt(b_i))^2. */
    @Test
    void diagonalCovariancesGiveTheHandComputedDistance() {
        double[] m1 = {0, 1, 2};
        double[] m2 = {3, 1, 0};
        double[][] s1 = {{4, 0, 0}, {0, 9, 0}, {0, 0, 1}};
        double[][] s2 = {{1, 0, 0}, {0, 25, 0}, {0, 0, 1}};
        // means: 9 + 0 + 4 = 13; covariances: (2 - 1)^2 + (3 - 5)^2 + 0 = 5
        assertEquals(18, FrechetDistance.between(m1, s1, m2, s2), 1e-9);
        assertEquals(18, FrechetDistance.between(m2, s2, m1, s1), 1e-9, "symmetric");
    }

    @Test
    void identicalGaussiansAreAtZeroAndAScaledCovarianceAtItsClosedForm() {
        double[] m = {0.5, -1, 2};
        double[][] s = {{2, 0.8, 0.3}, {0.8, 1.5, -0.4}, {0.3, -0.4, 1}};
        assertEquals(0, FrechetDistance.between(m, s, m, s), 1e-9);
        // S2 = c^2 S: tr(S) + c^2 tr(S) - 2 c tr(S) = (1 - c)^2 tr(S), tr(S) = 4.5
        double c = 3;
        double[][] s2 = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s2[i][j] = c * c * s[i][j];
            }
        }
        assertEquals((1 - c) * (1 - c) * 4.5, FrechetDistance.between(m, s, m, s2), 1e-9);
    }

    /** ReLU features leave units that never fire: a singular covariance must not fail. */
    @Test
    void singularCovariancesWork() {
        double[] m = {1, 0};
        assertEquals(1, FrechetDistance.between(m, new double[][]{{1, 0}, {0, 0}}, m, new double[][]{{4, 0}, {0, 0}}),
                1e-9);
        assertEquals(0, FrechetDistance.between(m, new double[2][2], m, new double[2][2]), 0);
    }

    /** Moments from sums, merged part by part, equal the two-pass mean and covariance of all vectors. */
    @Test
    void momentsFromPartitionSumsEqualTheTwoPassFigures() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 500;
        int d = 4;
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = j == 3 ? 0 : (float) (r.nextDouble() * (j + 1) + j); // one unit that never fires
            }
        }
        FeatureMoments all = new FeatureMoments(d);
        FeatureMoments first = new FeatureMoments(d);
        FeatureMoments second = new FeatureMoments(d);
        for (int i = 0; i < n; i++) {
            (i < 123 ? first : second).add(x[i]);
        }
        first.merge(second);
        for (float[] row : x) {
            all.add(row);
        }
        double[] mean = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        double[][] cov = new double[d][d];
        for (float[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (n - 1);
                }
            }
        }
        assertEquals(n, first.count());
        assertArrayEquals(mean, first.mean(), 1e-9);
        for (int i = 0; i < d; i++) {
            assertArrayEquals(cov[i], first.covariance()[i], 1e-9);
            assertArrayEquals(all.covariance()[i], first.covariance()[i], 1e-9);
        }
        assertEquals(0, FrechetDistance.between(all, first), 1e-9);
        assertTrue(FrechetDistance.between(all, second) > 0);
    }
}
