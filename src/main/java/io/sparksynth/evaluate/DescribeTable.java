package io.sparksynth.evaluate;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;

import java.util.List;
import java.util.Map;

/** The side-by-side describe table (real vs synthetic) as console text, as in the stock-index paper. */
public final class DescribeTable {
    private DescribeTable() {
    }

    public static String render(Evaluator.Result r) {
        StringBuilder b = new StringBuilder();
        List<ColumnSpec> specs = r.specs();
        boolean anyCont = specs.stream().anyMatch(s -> s.kind() == ColumnKind.CONTINUOUS);
        boolean anyCat = specs.stream().anyMatch(s -> s.kind() == ColumnKind.CATEGORICAL);
        if (anyCont) {
            b.append(String.format("%-16s %-9s %9s %7s %11s %11s %11s %11s %11s %11s %11s %7s%n", "column", "side",
                    "count", "null%", "mean", "std", "min", "25%", "50%", "75%", "max", "KS"));
            for (ColumnSpec s : specs) {
                if (s.kind() == ColumnKind.CONTINUOUS) {
                    double ks = columnScore(r, s.name(), "ks");
                    row(b, s.name(), "real", r.real().get(s.name()), "");
                    row(b, "", "synthetic", r.synthetic().get(s.name()), String.format("%.3f", ks));
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
                if (s.kind() == ColumnKind.CATEGORICAL) {
                    double tvd = columnScore(r, s.name(), "tvd");
                    catRow(b, s.name(), "real", r.real().get(s.name()), "");
                    catRow(b, "", "synthetic", r.synthetic().get(s.name()), String.format("%.3f", tvd));
                }
            }
        }
        return b.toString();
    }

    /** The headline scores, one per line. */
    @SuppressWarnings("unchecked")
    public static String summary(Evaluator.Result r) {
        Map<String, Object> m = r.metrics();
        StringBuilder b = new StringBuilder();
        Map<String, Object> rows = (Map<String, Object>) m.get("rows");
        b.append(String.format("rows: real %s, synthetic %s%n", rows.get("real"), rows.get("synthetic")));
        b.append(String.format("column_shapes       %.4f   (1 = identical marginals)%n", r.score("column_shapes")));
        b.append(String.format("column_pair_trends  %.4f   (1 = identical pairwise relations)%n",
                r.score("column_pair_trends")));
        b.append(String.format("correlation_mad     %.4f   (0 = identical correlations)%n", r.score("correlation_mad")));
        b.append(String.format("detection_auc       %.4f   (0.5 = indistinguishable)%n", r.score("detection_auc")));
        Object ml = m.get("ml_efficacy");
        if (ml instanceof Map<?, ?> e) {
            if (e.containsKey("trtr_f1")) {
                b.append(String.format("ml_efficacy (%s)  macro F1: real-trained %.4f, synthetic-trained %.4f%n",
                        e.get("target"), (Double) e.get("trtr_f1"), (Double) e.get("tstr_f1")));
            } else {
                b.append(String.format("ml_efficacy (%s)  R2: real-trained %.4f, synthetic-trained %.4f%n",
                        e.get("target"), (Double) e.get("trtr_r2"), (Double) e.get("tstr_r2")));
            }
        }
        Object pr = m.get("privacy");
        if (pr instanceof Map<?, ?> p) {
            b.append(String.format("privacy  exact copies %.4f%%, DCR p5 synthetic %.4f vs holdout %s%n",
                    100 * (Double) p.get("exact_match_rate"), (Double) p.get("dcr_synth_p5"),
                    p.containsKey("dcr_holdout_p5") ? String.format("%.4f", (Double) p.get("dcr_holdout_p5")) : "n/a"));
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    static double columnScore(Evaluator.Result r, String column, String key) {
        Map<String, Object> cols = (Map<String, Object>) r.metrics().get("columns");
        Object v = ((Map<String, Object>) cols.get(column)).get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static void row(StringBuilder b, String name, String side, ColumnSummary s, String score) {
        b.append(String.format("%-16s %-9s %9d %6.1f%% %11s %11s %11s %11s %11s %11s %11s %7s%n", clip(name), side,
                s.count(), 100 * s.nullFraction(), num(s.mean()), num(s.std()), num(s.min()), num(s.p25()),
                num(s.p50()), num(s.p75()), num(s.max()), score));
    }

    private static void catRow(StringBuilder b, String name, String side, ColumnSummary s, String score) {
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
