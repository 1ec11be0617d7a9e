package io.sparksynth.report;

import io.sparksynth.data.ColumnSpec;
import io.sparksynth.evaluate.ColumnSummary;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.Metrics;

import java.util.List;

/** The side-by-side describe table (real vs synthetic) as console text, as in the stock-index paper. */
public final class DescribeTable {
    private DescribeTable() {
    }

    public static String render(EvaluationResult r) {
        StringBuilder b = new StringBuilder();
        List<ColumnSpec> specs = r.specs();
        boolean anyCont = specs.stream().anyMatch(ColumnSpec::continuous);
        boolean anyCat = specs.stream().anyMatch(ColumnSpec::categorical);
        if (anyCont) {
            b.append(String.format("%-16s %-9s %9s %7s %11s %11s %11s %11s %11s %11s %11s %7s%n", "column", "side",
                    "count", "null%", "mean", "std", "min", "25%", "50%", "75%", "max", "KS"));
            for (ColumnSpec s : specs) {
                if (s.continuous()) {
                    Metrics.ColumnScore c = r.column(s.name());
                    row(b, s.name(), "real", (ColumnSummary.Continuous) c.real(), "");
                    row(b, "", "synthetic", (ColumnSummary.Continuous) c.synthetic(), String.format("%.3f", c.ks()));
                }
            }
        }
        if (anyCat) {
            if (anyCont) {
                b.append('\n');
            }
            b.append(String.format("%-16s %-9s %9s %7s %8s %7s  %s%n", "column", "side", "count", "null%", "distinct",
                    "TVD", "top values"));
            for (ColumnSpec s : specs) {
                if (s.categorical()) {
                    Metrics.ColumnScore c = r.column(s.name());
                    catRow(b, s.name(), "real", (ColumnSummary.Categorical) c.real(), "");
                    catRow(b, "", "synthetic", (ColumnSummary.Categorical) c.synthetic(),
                            String.format("%.3f", c.tvd()));
                }
            }
        }
        if (specs.stream().anyMatch(ColumnSpec::vector)) {
            if (anyCont || anyCat) {
                b.append('\n');
            }
            vectors(b, r);
        }
        return b.toString();
    }

    /** Vector columns, all elements pooled; KS over the pooled values, MAD of the element means. */
    private static void vectors(StringBuilder b, EvaluationResult r) {
        b.append(String.format("%-16s %-9s %9s %7s %11s %11s %11s %11s %11s %7s %9s%n", "vector", "side", "count",
                "null%", "length", "mean", "std", "min", "max", "KS", "mean MAD"));
        for (ColumnSpec s : r.specs()) {
            if (s.vector()) {
                Metrics.ColumnScore c = r.column(s.name());
                String size = s.shape().isEmpty() ? String.valueOf(s.length())
                        : s.shape().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("x"));
                vectorRow(b, s.name(), "real", size, (ColumnSummary.Vector) c.real(), "", "");
                vectorRow(b, "", "synthetic", "", (ColumnSummary.Vector) c.synthetic(), String.format("%.3f", c.ks()),
                        num(c.elementMeanMad()));
            }
        }
    }

    private static void vectorRow(StringBuilder b, String name, String side, String size, ColumnSummary.Vector v,
                                  String ks, String mad) {
        b.append(String.format("%-16s %-9s %9d %6.1f%% %11s %11s %11s %11s %11s %7s %9s%n", clip(name), side,
                v.count(), 100 * v.nullFraction(), size, num(v.mean()), num(v.std()), num(v.min()), num(v.max()), ks,
                mad));
    }

    /** The headline scores, one per line. */
    public static String summary(EvaluationResult r) {
        Metrics m = r.metrics();
        StringBuilder b = new StringBuilder();
        b.append(String.format("rows: real %s, synthetic %s%n", m.rows().real(), m.rows().synthetic()));
        b.append(String.format("column_shapes       %.4f   (1 = identical marginals)%n", m.columnShapes()));
        b.append(String.format("column_pair_trends  %.4f   (1 = identical pairwise relations)%n",
                m.columnPairTrends()));
        b.append(String.format("correlation_mad     %.4f   (0 = identical correlations)%n", m.correlationMad()));
        b.append(String.format("detection_auc       %.4f   (0.5 = indistinguishable)%n", m.detectionAuc()));
        Metrics.MlEfficacyScores e = m.mlEfficacy();
        if (e != null) {
            if (e.classification()) {
                b.append(String.format("ml_efficacy (%s)  macro F1: real-trained %.4f, synthetic-trained %.4f%n",
                        e.target(), e.trtrF1(), e.tstrF1()));
            } else {
                b.append(String.format("ml_efficacy (%s)  R2: real-trained %.4f, synthetic-trained %.4f%n",
                        e.target(), e.trtrR2(), e.tstrR2()));
            }
        }
        m.images().forEach((column, img) -> b.append(String.format("images (%s)  label fidelity %.4f (real holdout "
                + "%.4f), Frechet distance %.4f (real holdout %.4f)%n", column, img.labelFidelity(),
                img.holdoutAccuracy(), img.frechetDistance(), img.holdoutFrechetDistance())));
        Metrics.PrivacyScores p = m.privacy();
        if (p != null) {
            b.append(String.format("privacy  exact copies %.4f%%, DCR p5 synthetic %.4f vs holdout %s%n",
                    100 * p.exactMatchRate(), p.dcrSynthP5(),
                    p.dcrHoldoutP5() != null ? String.format("%.4f", p.dcrHoldoutP5()) : "n/a"));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String side, ColumnSummary.Continuous s, String score) {
        b.append(String.format("%-16s %-9s %9d %6.1f%% %11s %11s %11s %11s %11s %11s %11s %7s%n", clip(name), side,
                s.count(), 100 * s.nullFraction(), num(s.mean()), num(s.std()), num(s.min()), num(s.p25()),
                num(s.p50()), num(s.p75()), num(s.max()), score));
    }

    private static void catRow(StringBuilder b, String name, String side, ColumnSummary.Categorical s,
                               String score) {
        StringBuilder top = new StringBuilder();
        s.top().forEach((k, v) -> top.append(top.length() == 0 ? "" : ", ").append(k.strip())
                .append(String.format(" %.1f%%", 100 * v)));
        b.append(String.format("%-16s %-9s %9d %6.1f%% %8d %7s  %s%n", clip(name), side, s.count(),
                100 * s.nullFraction(), s.distinct(), score, top));
    }

    private static String clip(String s) {
        return s.length() <= 16 ? s : s.substring(0, 15) + "~";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format("%.4e", v) : String.format("%.5g", v);
    }
}
