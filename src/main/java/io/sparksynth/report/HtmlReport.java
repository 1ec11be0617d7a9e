package io.sparksynth.report;

import io.sparksynth.evaluate.ColumnSummary;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.Metrics;
import io.sparksynth.evaluate.PlotData;
import io.sparksynth.evaluate.QualityGate;
import io.sparksynth.evaluate.images.ImageEvaluator;
import io.sparksynth.evaluate.images.ImageFigures;
import io.sparksynth.evaluate.images.ImageScores;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-page report: scores and a verdict first, the describe table, per-column scores worst
 * first, then the stock-index paper's figures, then the image columns' samples and metrics.
 * Self-contained: every image is embedded, nothing is fetched. Also returns the images, so they can
 * be written beside the page.
 */
public final class HtmlReport {
    /** A wider table's cumulative and distribution plots show this many columns, the worst first. */
    static final int MAX_PLOTTED_COLUMNS = 40;
    /** Section ids, in page order; a test checks that a browser shows each. */
    public static final List<String> SECTIONS = List.of("summary", "describe", "columns", "losses", "cumulative",
            "distributions", "pairs", "correlation", "meanstd", "pca", "augmentation", "images");

    /**
     * @param images the figures, by file name (written to plots/)
     * @param files  figures also written at the top of the report directory, by file name: each image
     *               column's sample grid as {@code images-<column>.png}, for pages that show it (the README)
     */
    public record Page(String html, Map<String, byte[]> images, Map<String, byte[]> files) {
    }

    /**
     * Marks the body with data-check="ok" once every image has decoded (or lists the broken ones):
     * a headless browser's DOM dump then tells whether the page renders completely.
     */
    private static final String SELF_CHECK = "<script>window.addEventListener('load',function(){"
            + "var bad=[].filter.call(document.images,function(i){return !(i.complete&&i.naturalWidth>0);})"
            + ".map(function(i){return i.alt;});"
            + "document.body.setAttribute('data-check',bad.length?'broken: '+bad.join(', '):'ok');});</script>\n";

    private HtmlReport() {
    }

    /** @param gate the quality gate's checks (empty: no gate), so the page says why a table was withheld */
    public static Page render(EvaluationResult result, String summary, String describe, List<QualityGate.Check> gate) {
        Metrics metrics = result.metrics();
        PlotData plots = result.plots();
        Map<String, byte[]> images = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>sparksynth report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1300px;color:#222}")
                .append("pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:12px}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
                .append("td:first-child{text-align:left}")
                .append(".grid{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start}")
                .append(".verdict{font-size:1.2em;padding:.6em;border-radius:4px;background:#eef6ee}")
                .append(".warn{background:#fbeee6}</style></head><body>\n")
                .append("<h1>sparksynth: real vs synthetic</h1>\n");
        String verdict = verdict(metrics);
        b.append("<section id=\"summary\"><h2>Summary</h2>\n<p class=\"verdict").append(verdict.startsWith("Good")
                ? "" : " warn").append("\">").append(esc(verdict)).append("</p>\n");
        if (!gate.isEmpty()) {
            b.append(gateTable(gate));
        }
        if (metrics.estimation() != null && metrics.estimation().identifiers() != null) {
            b.append("<p>").append(esc(metrics.estimation().identifiers())).append(".</p>\n");
        }
        b.append("<pre>").append(esc(summary)).append("</pre></section>\n");
        b.append("<section id=\"describe\"><h2>Describe: real vs synthetic</h2>\n<pre>").append(esc(describe))
                .append("</pre></section>\n");
        b.append("<section id=\"columns\"><h2>Per-column scores, worst first</h2>\n").append(columnTable(
                metrics.columns())).append("</section>\n");

        b.append("<section id=\"losses\"><h2>Training losses and validation score</h2>\n");
        if (result.history().isEmpty()) {
            b.append("<p>No training history (evaluate was not given a model).</p>");
        } else {
            b.append(img(images, "losses", Charts.losses(result.history())));
        }
        b.append("</section>\n<section id=\"cumulative\"><h2>Cumulative distributions</h2>\n<div class=\"grid\">");
        Set<String> shown = worstColumns(metrics.columns());
        if (shown.size() < metrics.columns().size()) {
            b.append("<p>The ").append(shown.size()).append(" columns with the lowest shape scores, of ")
                    .append(metrics.columns().size()).append(" (here and under Distributions).</p>");
        }
        plots.cdf().forEach((c, q) -> {
            if (shown.contains(c)) {
                b.append(img(images, "cumulative-" + c, Charts.cumulative(c, q)));
            }
        });
        b.append("</div></section>\n<section id=\"distributions\"><h2>Distributions</h2>\n<div class=\"grid\">");
        plots.histograms().forEach((c, h) -> {
            if (shown.contains(c)) {
                b.append(img(images, "histogram-" + c, Charts.histogram(c, h)));
            }
        });
        plots.bars().forEach((c, bars) -> {
            if (shown.contains(c)) {
                b.append(img(images, "bars-" + c, Charts.bars(c, bars), c + ": " + String.join(", ",
                        bars.categories())));
            }
        });
        b.append("</div></section>\n<section id=\"pairs\"><h2>Column pairs, worst first</h2>\n")
                .append(PairSections.worstPairs(metrics.columnPairs(),
                        metrics.estimation() == null ? null : metrics.estimation().pairs()));
        b.append("</section>\n<section id=\"correlation\"><h2>Correlation (Pearson, continuous columns)</h2>\n");
        Metrics.CorrelationMatrices corr = PairSections.heatmapColumns(metrics.correlation());
        List<String> cols = corr.columns();
        if (corr.columns().size() < metrics.correlation().columns().size()) {
            b.append("<p>The ").append(cols.size()).append(" of ").append(metrics.correlation().columns().size())
                    .append(" continuous columns whose correlations differ most (all are in metrics.json).</p>\n");
        }
        b.append("<div class=\"grid\">");
        if (cols.size() >= 2) {
            String names = "columns: " + String.join(", ", cols);
            b.append(img(images, "correlation-real", Charts.heatmap("Pearson correlation, real rows", cols,
                    corr.real(), -1, 1), names));
            b.append(img(images, "correlation-synthetic", Charts.heatmap("Pearson correlation, synthetic rows", cols,
                    corr.synthetic(), -1, 1), names));
            b.append(img(images, "correlation-difference", Charts.heatmap("|real \u2212 synthetic| correlation",
                    cols, corr.absDifference(), 0, 1), names));
        } else {
            b.append("<p>Fewer than two continuous columns.</p>");
        }
        b.append("</div></section>\n<section id=\"meanstd\"><h2>Mean and standard deviation per column</h2>\n")
                .append("<div class=\"grid\">");
        double[][] ms = meanStd(metrics.columns());
        b.append(img(images, "means", Charts.realVsSynthetic("|mean|", ms[0], ms[1])));
        b.append(img(images, "stds", Charts.realVsSynthetic("standard deviation", ms[2], ms[3])));
        b.append("</div></section>\n<section id=\"pca\"><h2>PCA: first two components (axes fitted on real rows)</h2>\n")
                .append("<div class=\"grid\">");
        double[][] all = concat(plots.pcaReal(), plots.pcaSynthetic());
        double[] xr = range(all, 0);
        double[] yr = range(all, 1);
        String[] axes = pcaAxes(plots.pcaExplained());
        b.append(img(images, "pca-real", Charts.scatter("real rows", plots.pcaReal(), Charts.REAL, xr, yr, axes)));
        b.append(img(images, "pca-synthetic", Charts.scatter("synthetic rows", plots.pcaSynthetic(), Charts.SYNTH,
                xr, yr, axes)));
        b.append("</div></section>\n<section id=\"augmentation\"><h2>Augmentation: real rows alone vs real + "
                + "synthetic rows</h2>\n");
        Metrics.AugmentationCurve aug = metrics.augmentation();
        if (aug != null && !aug.realRows().isEmpty()) {
            b.append(augmentationTable(aug));
            b.append(img(images, "augmentation", Charts.augmentation(aug)));
        } else {
            b.append("<p>No ML target given (--target / evaluate.target).</p>");
        }
        b.append("</section>\n<section id=\"images\"><h2>Images: samples, class means and a CNN's view</h2>\n");
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (metrics.images().isEmpty()) {
            b.append("<p>No image metrics: they need a vector column with an image shape (schema.shapes) and a ")
                    .append("categorical label as the target (evaluate.target); the console says why a column was ")
                    .append("skipped.</p>");
        }
        metrics.images().forEach((column, scores) -> b.append(imageColumn(column, scores,
                plots.images().get(column), images, files)));
        b.append("</section>\n").append(SELF_CHECK).append("</body></html>\n");
        return new Page(b.toString(), images, files);
    }

    static String verdict(Metrics m) {
        double shapes = m.columnShapes();
        double pairs = m.columnPairTrends();
        double auc = m.detectionAuc();
        List<String> issues = new ArrayList<>();
        if (shapes < 0.85) {
            issues.add(String.format("marginals differ (column shapes %.2f < 0.85)", shapes));
        }
        if (pairs < 0.85) {
            issues.add(String.format("relations between columns differ (pair trends %.2f < 0.85)", pairs));
        }
        if (m.privacy() != null && m.privacy().exactMatchRate() > 0.01) {
            issues.add(String.format("%.1f %% of synthetic rows copy a training row", 100 * m.privacy().exactMatchRate()));
        }
        String detect = auc <= 0.6 ? "a classifier can hardly tell them apart"
                : auc <= 0.8 ? "a classifier tells them apart in part" : "a classifier tells them apart";
        if (auc > 0.6 && m.detection() != null && m.detection().giveaways() != null
                && !m.detection().giveaways().isEmpty()) {
            detect += ", mostly by " + String.join(", ", m.detection().giveaways().keySet().stream().limit(3)
                    .map(HtmlReport::esc).toList());
        }
        if (issues.isEmpty()) {
            return String.format("Good: marginals and pairwise relations match (%.2f / %.2f); %s (AUC %.2f).",
                    shapes, pairs, detect, auc);
        }
        return "Review: " + String.join("; ", issues) + String.format("; %s (AUC %.2f).", detect, auc);
    }

    /** The quality gate's verdict per metric: a withheld table's reason, on the page people open. */
    private static String gateTable(List<QualityGate.Check> gate) {
        boolean passed = gate.stream().allMatch(QualityGate.Check::passed);
        StringBuilder t = new StringBuilder("<div id=\"quality-gate\"><h3>Quality gate: ")
                .append(passed ? "passed, the synthetic table is published"
                        : "FAILED, the synthetic table is withheld (no _SUCCESS)")
                .append("</h3>\n<table><tr><th>metric</th><th>value</th><th>must be</th><th>result</th></tr>\n");
        for (QualityGate.Check c : gate) {
            t.append("<tr><td>").append(esc(c.metric())).append("</td><td>").append(String.format("%.4f", c.value()))
                    .append("</td><td>").append(c.higherIsBetter() ? "&ge; " : "&le; ")
                    .append(String.format("%.4f", c.threshold())).append("</td><td>")
                    .append(c.passed() ? "ok" : "failed").append("</td></tr>\n");
        }
        return t.append("</table></div>\n").toString();
    }

    /** The columns whose plots are shown: all of a narrow table, the worst-scoring of a wide one. */
    private static Set<String> worstColumns(Map<String, Metrics.ColumnScore> columns) {
        List<Map.Entry<String, Metrics.ColumnScore>> rows = new ArrayList<>(columns.entrySet());
        rows.sort((x, y) -> Double.compare(x.getValue().shape(), y.getValue().shape()));
        Set<String> out = new java.util.HashSet<>();
        rows.stream().limit(MAX_PLOTTED_COLUMNS).forEach(e -> out.add(e.getKey()));
        return out;
    }

    private static String columnTable(Map<String, Metrics.ColumnScore> columns) {
        List<Map.Entry<String, Metrics.ColumnScore>> rows = new ArrayList<>(columns.entrySet());
        rows.sort((x, y) -> Double.compare(x.getValue().shape(), y.getValue().shape()));
        StringBuilder t = new StringBuilder("<table><tr><th>column</th><th>kind</th><th>shape</th><th>KS / TVD</th>"
                + "<th>null similarity</th><th>range / category coverage</th></tr>\n");
        for (Map.Entry<String, Metrics.ColumnScore> e : rows) {
            Metrics.ColumnScore c = e.getValue();
            t.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(c.kind()).append("</td><td>")
                    .append(f(c.shape())).append("</td><td>").append(f(c.distance())).append("</td><td>")
                    .append(f(c.nullSimilarity())).append("</td><td>").append(f(c.coverage())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String augmentationTable(Metrics.AugmentationCurve aug) {
        StringBuilder t = new StringBuilder("<table><tr><th>real rows</th><th>" + aug.metric()
                + ": real only</th><th>real + as many synthetic</th></tr>\n");
        for (int i = 0; i < aug.realRows().size(); i++) {
            t.append("<tr><td>").append(aug.realRows().get(i)).append("</td><td>").append(f(aug.realOnly().get(i)))
                    .append("</td><td>").append(f(aug.realPlusSynthetic().get(i))).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /**
     * One image column: the two metrics beside their real-holdout reference, the sample grid with the
     * class means, the per-class figures and the augmentation experiment.
     */
    private static String imageColumn(String column, ImageScores s, ImageFigures figures, Map<String, byte[]> images,
                                      Map<String, byte[]> files) {
        StringBuilder t = new StringBuilder("<h3>").append(esc(column)).append(" (")
                .append(s.imageShape().stream().map(String::valueOf).reduce((x, y) -> x + " x " + y).orElse(""))
                .append(", label ").append(esc(s.label())).append(")</h3>\n");
        t.append("<table><tr><th>metric</th><th>synthetic rows</th><th>real holdout rows (reference)</th></tr>\n")
                .append("<tr><td>label fidelity: share the CNN assigns to the row's label</td><td>")
                .append(f(s.labelFidelity())).append("</td><td>").append(f(s.holdoutAccuracy())).append("</td></tr>\n")
                .append("<tr><td>Fr&eacute;chet distance to the real training images (CNN features)</td><td>")
                .append(f(s.frechetDistance())).append("</td><td>").append(f(s.holdoutFrechetDistance()))
                .append("</td></tr>\n</table>\n");
        if (s.classifier() != null) {
            t.append("<p>CNN: ").append(esc(s.classifier().architecture())).append(String.format(
                    "; trained on %,d real training images, %d steps of %d; accuracy %.4f on all %,d real training "
                            + "images. Features: %s.</p>\n", s.classifier().trainingRows(), s.classifier().steps(),
                    s.classifier().batchSize(), s.classifier().trainingAccuracy(), s.rows().train(),
                    esc(s.classifier().features())));
        }
        if (figures != null) {
            byte[] grid = ImageGrid.png(figures, ImageEvaluator.SAMPLES_PER_CLASS);
            String name = "images-" + column;
            files.put(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png", grid);
            t.append("<p>Per class: ").append(ImageEvaluator.SAMPLES_PER_CLASS).append(" real training images and ")
                    .append(ImageEvaluator.SAMPLES_PER_CLASS).append(" synthetic ones (each class's first by a seeded ")
                    .append("hash), then the mean image of all its real training rows and of all its synthetic rows. ")
                    .append(String.format("Grey levels: %s black to %s white (the real range).</p>\n",
                            number(figures.min()), number(figures.max())))
                    .append(img(images, name, grid, column + ": real and synthetic samples and class means"));
        }
        t.append("<table><tr><th>").append(esc(s.label())).append("</th><th>CNN training images</th>")
                .append("<th>holdout rows</th><th>holdout accuracy</th><th>synthetic rows</th>")
                .append("<th>label fidelity</th></tr>\n");
        s.classes().forEach((c, n) -> t.append("<tr><td>").append(esc(c)).append("</td><td>")
                .append(n.classifierTraining()).append("</td><td>").append(n.holdout()).append("</td><td>")
                .append(n.holdoutAccuracy() == null ? "" : f(n.holdoutAccuracy())).append("</td><td>")
                .append(n.synthetic()).append("</td><td>")
                .append(n.labelFidelity() == null ? "" : f(n.labelFidelity())).append("</td></tr>\n"));
        if (s.unknownLabelRows() > 0) {
            t.append("<tr><td>(labels the real rows lack)</td><td></td><td></td><td></td><td>")
                    .append(s.unknownLabelRows()).append("</td><td>0</td></tr>\n");
        }
        t.append("</table>\n");
        ImageScores.Augmentation aug = s.augmentation();
        if (aug != null) {
            t.append(String.format("<h4>Augmentation: the CNN on k real images per class, alone and with %d "
                            + "synthetic images per class (%,d in all), accuracy on %,d real holdout rows</h4>\n",
                    aug.syntheticPerClass(), aug.syntheticRows(), aug.testRows()))
                    .append("<table><tr><th>k</th><th>real images</th><th>real only</th><th>real + synthetic</th>")
                    .append("<th>gain</th></tr>\n");
            for (int i = 0; i < aug.realPerClass().size(); i++) {
                t.append("<tr><td>").append(aug.realPerClass().get(i)).append("</td><td>")
                        .append(aug.realRows().get(i)).append("</td><td>").append(f(aug.realOnly().get(i)))
                        .append("</td><td>").append(f(aug.realPlusSynthetic().get(i))).append("</td><td>")
                        .append(String.format("%+.4f", aug.gain().get(i))).append("</td></tr>\n");
            }
            t.append("</table>\n").append(img(images, "images-augmentation-" + column,
                    Charts.imageAugmentation(column, aug)));
        }
        return t.toString();
    }

    /** |mean| and std per continuous column: real means, synthetic means, real stds, synthetic stds. */
    private static double[][] meanStd(Map<String, Metrics.ColumnScore> columns) {
        List<double[]> v = new ArrayList<>();
        for (Metrics.ColumnScore c : columns.values()) {
            if (c.real() instanceof ColumnSummary.Continuous r && c.synthetic() instanceof ColumnSummary.Continuous s) {
                v.add(new double[]{Math.abs(r.mean()), Math.abs(s.mean()), r.std(), s.std()});
            }
        }
        double[][] out = new double[4][v.size()];
        for (int i = 0; i < v.size(); i++) {
            for (int k = 0; k < 4; k++) {
                out[k][i] = v.get(i)[k];
            }
        }
        return out;
    }

    private static String img(Map<String, byte[]> images, String name, byte[] png) {
        return img(images, name, png, name);
    }

    /** @param title the full names a figure may have shortened, shown when the pointer rests on it */
    private static String img(Map<String, byte[]> images, String name, byte[] png, String title) {
        String file = name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png";
        images.put(file, png);
        return "<img alt=\"" + esc(name) + "\" title=\"" + esc(title) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">";
    }

    /** "PC1 (31 % of variance)" where the explained variance is known. */
    private static String[] pcaAxes(double[] explained) {
        String[] axes = new String[2];
        for (int i = 0; i < 2; i++) {
            axes[i] = "PC" + (i + 1) + (explained.length > i ? String.format(" (%.0f %% of variance)",
                    100 * explained[i]) : "");
        }
        return axes;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] range(double[][] points, int k) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            lo = Math.min(lo, p[k]);
            hi = Math.max(hi, p[k]);
        }
        if (!(hi > lo)) {
            return new double[]{-1, 1};
        }
        double pad = (hi - lo) * 0.05;
        return new double[]{lo - pad, hi + pad};
    }

    /** A value in at most four significant digits, without exponent or trailing zeros (0, 1, 255, 0.5). */
    private static String number(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    static String f(double v) {
        return String.format("%.4f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
