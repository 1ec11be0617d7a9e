package io.sparksynth.evaluate;

import io.sparksynth.config.EvaluateOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column pair trends (SDMetrics' definition): for two continuous columns
 * {@code 1 - |r_real - r_synth| / 2} with Pearson r; for any other pair {@code 1 - TVD} of the
 * joint distribution of codes (categories, real-decile bins, null as its own code). Pairs whose
 * real association is below the configured thresholds are left out of the mean. The pairs are
 * those of {@link PairSelection}: all of them, or on a wide table a stated sample.
 */
final class PairTrends {
    record Scores(double trends, double correlationMad, Map<String, Metrics.PairScore> perPair,
                  Metrics.CorrelationMatrices matrices) {
    }

    private PairTrends() {
    }

    static Scores compute(PairStats real, PairStats synth, ColumnCoder coder, List<String> names,
                          EvaluateOptions options) {
        int n = names.size();
        Map<String, Metrics.PairScore> perPair = new LinkedHashMap<>();
        double sum = 0;
        int counted = 0;
        double madSum = 0;
        int madCount = 0;
        List<String> cont = new ArrayList<>();
        int[] contIndex = new int[n];
        for (int i = 0; i < n; i++) {
            if (coder.continuous(i)) {
                contIndex[i] = cont.size();
                cont.add(names.get(i));
            }
        }
        double[][] rr = new double[cont.size()][cont.size()];
        double[][] rs = new double[cont.size()][cont.size()];
        for (int i = 0; i < cont.size(); i++) {
            rr[i][i] = 1;
            rs[i][i] = 1;
        }
        PairSelection selection = real.pairs;
        for (int p = 0; p < selection.size(); p++) {
            int a = selection.a[p];
            int b = selection.b[p];
            Metrics.PairScore entry;
            double score;
            boolean strong;
            if (real.moments[p] != null) {
                double r1 = real.pearson(p);
                double r2 = synth.pearson(p);
                double r1v = Double.isNaN(r1) ? 0 : r1;
                double r2v = Double.isNaN(r2) ? 0 : r2;
                score = 1 - Math.abs(r1v - r2v) / 2;
                strong = Math.abs(r1v) >= options.pairMinCorrelation();
                entry = new Metrics.PairScore("correlation", r1, r2, null, score);
                madSum += Math.abs(r1v - r2v);
                madCount++;
                int ia = contIndex[a];
                int ib = contIndex[b];
                rr[ia][ib] = rr[ib][ia] = r1;
                rs[ia][ib] = rs[ib][ia] = r2;
            } else {
                double tvd = jointTvd(real.joint[p], synth.joint[p]);
                score = 1 - tvd;
                double v = cramersV(real.joint[p], coder.cardinality(a), coder.cardinality(b));
                strong = v >= options.pairMinCramersV();
                entry = new Metrics.PairScore("contingency", null, null, v, score);
            }
            perPair.put(names.get(a) + " | " + names.get(b), entry);
            if (strong) {
                sum += score;
                counted++;
            }
        }
        double[][] diff = new double[cont.size()][cont.size()];
        for (int i = 0; i < cont.size(); i++) {
            for (int j = 0; j < cont.size(); j++) {
                diff[i][j] = Math.abs(rr[i][j] - rs[i][j]);
            }
        }
        return new Scores(counted == 0 ? 1 : sum / counted, madCount == 0 ? 0 : madSum / madCount, perPair,
                new Metrics.CorrelationMatrices(cont, rr, rs, diff));
    }

    static double jointTvd(long[] a, long[] b) {
        long na = 0;
        long nb = 0;
        for (int i = 0; i < a.length; i++) {
            na += a[i];
            nb += b[i];
        }
        if (na == 0 || nb == 0) {
            return na == nb ? 0 : 1;
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((double) a[i] / na - (double) b[i] / nb);
        }
        return 0.5 * s;
    }

    /** Cramer's V of a contingency table, over its non-empty rows and columns. */
    static double cramersV(long[] joint, int rows, int cols) {
        long[] rs = new long[rows];
        long[] cs = new long[cols];
        long n = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long v = joint[i * cols + j];
                rs[i] += v;
                cs[j] += v;
                n += v;
            }
        }
        int r = 0;
        int c = 0;
        for (long v : rs) {
            r += v > 0 ? 1 : 0;
        }
        for (long v : cs) {
            c += v > 0 ? 1 : 0;
        }
        if (n == 0 || Math.min(r, c) < 2) {
            return 0;
        }
        double chi2 = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (rs[i] == 0 || cs[j] == 0) {
                    continue;
                }
                double e = (double) rs[i] * cs[j] / n;
                double d = joint[i * cols + j] - e;
                chi2 += d * d / e;
            }
        }
        return Math.sqrt(chi2 / n / (Math.min(r, c) - 1));
    }
}
