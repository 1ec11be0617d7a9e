package io.sparksynth.evaluate;

import io.sparksynth.data.SchemaInspector;
import io.sparksynth.data.ValueCounts;
import io.sparksynth.preprocess.FitSample;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

/**
 * Reduces real and synthetic tables to plot data with Spark: quantiles (approxQuantile, relative
 * error 1e-3) for the cumulative plots, one grouped count per table for all histograms, category
 * shares from the value counts, and PCA fitted on a bounded real sample.
 */
final class PlotComputer {
    static final int HISTOGRAM_BINS = 30;
    static final int CDF_POINTS = 101;
    static final int MAX_BARS = 15;
    static final int PCA_FIT_ROWS = 5000;
    static final int PCA_PLOT_ROWS = 1000;

    private PlotComputer() {
    }

    /**
     * @param realStats the real describe rows: histogram ranges
     * @param realCounts value counts of the real categorical columns (and synthCounts of the synthetic ones)
     */
    static PlotData compute(Dataset<Row> real, Dataset<Row> synth, Columns columns,
                            Map<String, ColumnSummary> realStats, Map<String, ValueCounts.Top> realCounts,
                            Map<String, ValueCounts.Top> synthCounts, long seed) {
        PlotData out = PlotData.empty();
        List<String> cont = columns.continuousNames();
        Map<String, double[]> ranges = ranges(cont, realStats);
        if (!cont.isEmpty()) {
            double[] probs = new double[CDF_POINTS];
            for (int i = 0; i < CDF_POINTS; i++) {
                probs[i] = (double) i / (CDF_POINTS - 1);
            }
            String[] cs = SchemaInspector.quoted(cont);
            double[][] qr = real.stat().approxQuantile(cs, probs, 1e-3);
            double[][] qs = synth.stat().approxQuantile(cs, probs, 1e-3);
            Map<String, double[]> hr = histograms(real, cont, ranges);
            Map<String, double[]> hs = histograms(synth, cont, ranges);
            for (int j = 0; j < cont.size(); j++) {
                String c = cont.get(j);
                out.cdf().put(c, new double[][]{probs, qr[j], qs[j]});
                double[] range = ranges.get(c);
                double w = (range[1] - range[0]) / HISTOGRAM_BINS;
                double[] centres = new double[HISTOGRAM_BINS];
                for (int b = 0; b < HISTOGRAM_BINS; b++) {
                    centres[b] = range[0] + (b + 0.5) * w;
                }
                out.histograms().put(c, new double[][]{centres, normalise(hr.get(c)), normalise(hs.get(c))});
            }
        }
        for (String c : columns.categoricalNames()) {
            out.bars().put(c, bars(realCounts.get(c), synthCounts.get(c)));
        }
        return pca(real, synth, columns, seed, out);
    }

    /** Histogram range per continuous column: the real min to max (a constant column gets a unit range). */
    private static Map<String, double[]> ranges(List<String> cont, Map<String, ColumnSummary> realStats) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String c : cont) {
            ColumnSummary.Continuous s = (ColumnSummary.Continuous) realStats.get(c);
            out.put(c, new double[]{s.min(), s.max() > s.min() ? s.max() : s.min() + 1});
        }
        return out;
    }

    /** PCA on standardised continuous columns and one-hot categories, as the distance metrics see rows. */
    private static PlotData pca(Dataset<Row> real, Dataset<Row> synth, Columns columns, long seed, PlotData partial) {
        long nReal = real.count();
        long nSynth = synth.count();
        List<PipelineStage> stages = new ArrayList<>(Features.stages(columns, null, true));
        stages.add(new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true));
        stages.add(new PCA().setInputCol("scaled").setOutputCol("pc").setK(2));
        Dataset<Row> fitRows = Features.prepare(FitSample.byHash(real, (double) PCA_FIT_ROWS / nReal, seed), columns,
                null);
        PipelineModel model = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(fitRows);
        double[][] r = project(model, Features.prepare(FitSample.byHash(real, (double) PCA_PLOT_ROWS / nReal,
                seed + 1), columns, null));
        double[][] s = project(model, Features.prepare(FitSample.byHash(synth, (double) PCA_PLOT_ROWS / nSynth,
                seed + 1), columns, null));
        org.apache.spark.ml.feature.PCAModel pca = (org.apache.spark.ml.feature.PCAModel)
                model.stages()[model.stages().length - 1];
        return new PlotData(partial.cdf(), partial.histograms(), partial.bars(), r, s,
                pca.explainedVariance().toArray());
    }

    private static double[][] project(PipelineModel model, Dataset<Row> rows) {
        List<Row> pcs = model.transform(rows).select("pc").limit(PCA_PLOT_ROWS).collectAsList();
        double[][] out = new double[pcs.size()][];
        for (int i = 0; i < out.length; i++) {
            Vector v = pcs.get(i).getAs(0);
            out[i] = new double[]{v.apply(0), v.apply(1)};
        }
        return out;
    }

    /** Counts per equal-width bin of the real range, all columns in one grouped count. */
    private static Map<String, double[]> histograms(Dataset<Row> data, List<String> cont, Map<String, double[]> ranges) {
        List<Column> pairs = new ArrayList<>();
        for (int j = 0; j < cont.size(); j++) {
            double[] range = ranges.get(cont.get(j));
            double w = Math.max((range[1] - range[0]) / HISTOGRAM_BINS, 1e-300);
            Column bin = least(greatest(floor(col(quote(cont.get(j))).cast("double").minus(range[0]).divide(w)),
                    lit(0)), lit(HISTOGRAM_BINS - 1));
            pairs.add(struct(lit(j).as("c"), bin.cast("int").as("b")));
        }
        List<Row> rows = data.select(explode(array(pairs.toArray(new Column[0]))).as("p"))
                .select(col("p.c").as("c"), col("p.b").as("b")).where(col("b").isNotNull())
                .groupBy("c", "b").agg(count(lit(1)).as("n")).collectAsList();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String c : cont) {
            out.put(c, new double[HISTOGRAM_BINS]);
        }
        for (Row r : rows) {
            out.get(cont.get(r.getInt(0)))[r.getInt(1)] += r.getLong(2);
        }
        return out;
    }

    private static double[] normalise(double[] counts) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = total == 0 ? 0 : counts[i] / total;
        }
        return out;
    }

    private static PlotData.Bars bars(ValueCounts.Top real, ValueCounts.Top synth) {
        long nr = real.values().values().stream().mapToLong(Long::longValue).sum();
        long ns = synth.values().values().stream().mapToLong(Long::longValue).sum();
        List<String> cats = new ArrayList<>(real.values().keySet());
        if (cats.size() > MAX_BARS) {
            cats = cats.subList(0, MAX_BARS);
        }
        double[] r = new double[cats.size()];
        double[] s = new double[cats.size()];
        for (int i = 0; i < cats.size(); i++) {
            r[i] = nr == 0 ? 0 : real.values().get(cats.get(i)) / (double) nr;
            s[i] = ns == 0 ? 0 : synth.values().getOrDefault(cats.get(i), 0L) / (double) ns;
        }
        return new PlotData.Bars(List.copyOf(cats), r, s);
    }
}
