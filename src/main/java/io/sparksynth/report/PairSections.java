package io.sparksynth.report;

import io.sparksynth.evaluate.Metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the report shows of the pair metrics so that a 300-column table stays readable: the worst
 * pairs first (a table, not a wall of numbers), and correlation heatmaps over at most
 * {@link #MAX_HEATMAP_COLUMNS} continuous columns, those whose correlations differ most.
 */
final class PairSections {
    static final int WORST_PAIRS = 20;
    static final int MAX_HEATMAP_COLUMNS = 30;

    private PairSections() {
    }

    /** The {@link #WORST_PAIRS} lowest-scoring pairs, with how they were compared. */
    static String worstPairs(Map<String, Metrics.PairScore> pairs, String coverage) {
        List<Map.Entry<String, Metrics.PairScore>> rows = new ArrayList<>(pairs.entrySet());
        rows.sort(Comparator.comparingDouble(e -> e.getValue().score()));
        StringBuilder t = new StringBuilder();
        t.append("<p>").append(String.format("%,d", pairs.size())).append(" pairs scored");
        if (coverage != null) {
            t.append(": ").append(HtmlReport.esc(coverage));
        }
        t.append(". The ").append(Math.min(WORST_PAIRS, rows.size())).append(" worst:</p>\n");
        t.append("<table><tr><th>pair</th><th>score</th><th>compared by</th><th>real</th><th>synthetic</th></tr>\n");
        for (Map.Entry<String, Metrics.PairScore> e : rows.subList(0, Math.min(WORST_PAIRS, rows.size()))) {
            Metrics.PairScore p = e.getValue();
            boolean corr = "correlation".equals(p.metric());
            t.append("<tr><td>").append(HtmlReport.esc(e.getKey())).append("</td><td>").append(HtmlReport.f(p.score()))
                    .append("</td><td>").append(corr ? "Pearson r" : "1 - TVD of the joint distribution")
                    .append("</td><td>").append(corr ? HtmlReport.f(orNaN(p.real()))
                            : "Cram&eacute;r's V " + HtmlReport.f(orNaN(p.cramersVReal())))
                    .append("</td><td>").append(corr ? HtmlReport.f(orNaN(p.synthetic())) : "")
                    .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    /**
     * The matrices restricted to the columns with the largest mean |real - synthetic| correlation
     * (in their table order), when there are more than {@link #MAX_HEATMAP_COLUMNS}; else as they are.
     */
    static Metrics.CorrelationMatrices heatmapColumns(Metrics.CorrelationMatrices m) {
        int n = m.columns().size();
        if (n <= MAX_HEATMAP_COLUMNS) {
            return m;
        }
        double[] meanDiff = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double d = m.absDifference()[i][j];
                s += Double.isNaN(d) ? 0 : d;
            }
            meanDiff[i] = s / n;
        }
        int[] keep = IntStream.range(0, n).boxed()
                .sorted((a, b) -> meanDiff[a] != meanDiff[b] ? Double.compare(meanDiff[b], meanDiff[a])
                        : Integer.compare(a, b))
                .limit(MAX_HEATMAP_COLUMNS).mapToInt(Integer::intValue).sorted().toArray();
        List<String> names = new ArrayList<>();
        for (int i : keep) {
            names.add(m.columns().get(i));
        }
        return new Metrics.CorrelationMatrices(names, sub(m.real(), keep), sub(m.synthetic(), keep),
                sub(m.absDifference(), keep));
    }

    private static double[][] sub(double[][] x, int[] keep) {
        double[][] out = new double[keep.length][keep.length];
        for (int i = 0; i < keep.length; i++) {
            for (int j = 0; j < keep.length; j++) {
                out[i][j] = x[keep[i]][keep[j]];
            }
        }
        return out;
    }
}
