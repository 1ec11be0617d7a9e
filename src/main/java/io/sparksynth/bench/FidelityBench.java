package io.sparksynth.bench;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.InputReader;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.Metrics;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Json;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Comparison;
import io.sparksynth.workflow.Split;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code bench --fidelity}: the defaults (or the given config) trained on every table of the data
 * directories, several seeds each, every table split into the same 80 % to learn from and 20 %
 * to compare with; beside each, the two yardsticks measured on the same split: every column
 * shuffled on its own ({@link IndependentColumns}) and the real training rows themselves. Prints
 * one table of means and spreads over the seeds, and writes every run's figures as JSON.
 */
public final class FidelityBench {
    /** The classification target each public dataset was published with (TSTR needs one). */
    public static final Map<String, String> KNOWN_TARGETS = Map.of("adult", "income", "pima_diabetes_na", "diabetes",
            "letters", "lettr", "mnist_10k", "label");

    static final String SPARKSYNTH = "sparksynth";
    static final String INDEPENDENT = "independent columns";
    static final String REAL = "real training rows";

    public record Options(SynthConfig config, List<String> dataDirs, List<String> tables, List<Long> seeds,
                          double holdout, Map<String, String> targets, String workDir, String jsonOut,
                          boolean scoreByType) {
    }

    /** One candidate's headline figures on one table and seed. */
    public record Run(String table, long seed, String candidate, double columnShapes, double columnPairTrends,
                      double correlationMad, double detectionAuc, Double tstrF1, Double trtrF1,
                      Double dcrP5Ratio, Double exactMatchRate, Double trainSeconds, Integer epochs,
                      Map<String, Double> giveaways) {
    }

    private FidelityBench() {
    }

    public static List<Run> run(SparkSession spark, Options o, Progress progress, PrintStream out) {
        Map<String, String> tables = tables(o.dataDirs(), o.tables());
        progress.line("fidelity bench: " + tables.keySet() + " x seeds " + o.seeds());
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, String> t : tables.entrySet()) {
            for (long seed : o.seeds()) {
                runs.addAll(runTable(spark, o, t.getKey(), t.getValue(), seed, progress));
                out.println(table(runs));
                out.println(giveaways(runs));
                writeJson(runs, o.jsonOut());
            }
        }
        return runs;
    }

    private static List<Run> runTable(SparkSession spark, Options o, String name, String path, long seed,
                                      Progress progress) {
        String target = o.targets().getOrDefault(name, KNOWN_TARGETS.getOrDefault(name, ""));
        SynthConfig cfg = o.config().with(List.of("seed=" + seed, "evaluate.target=\"" + target + "\"",
                "evaluate.images.augmentation-real=[]"));
        Split split = Split.of(InputReader.read(spark, path), o.holdout(), seed);
        Dataset<Row> train = split.train().cache();
        Dataset<Row> holdout = split.holdout().cache();
        String work = o.workDir() + "/" + name + "-" + seed;
        try {
            progress.line("fidelity bench: " + name + ", seed " + seed + ": training");
            long t0 = System.nanoTime();
            GanModel model = Workflow.fit(train, cfg, path, progress);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rows = model.provenance().rows();
            int partitions = spark.sparkContext().defaultParallelism();
            SyntheticGenerator.generate(spark, model, rows, partitions, seed).write().mode("overwrite")
                    .parquet(work + "/synthetic");
            IndependentColumns.of(spark, train, seed).write().mode("overwrite").parquet(work + "/independent");

            List<Run> runs = new ArrayList<>();
            Dataset<Row> synthetic = spark.read().parquet(work + "/synthetic");
            List<ColumnSpec> specs = o.scoreByType() ? byType(model.transform().specs(), target)
                    : model.transform().specs();
            runs.add(score(name, seed, SPARKSYNTH, model, specs, cfg,
                    new Comparison(holdout, synthetic, train, holdout), seconds, model.history().size(), progress));
            Dataset<Row> independent = spark.read().parquet(work + "/independent");
            runs.add(score(name, seed, INDEPENDENT, model, specs, cfg,
                    new Comparison(holdout, independent, train, holdout), null, null, progress));
            runs.add(score(name, seed, REAL, model, specs, cfg, new Comparison(holdout, train, train, holdout),
                    null, null, progress));
            return runs;
        } finally {
            train.unpersist();
            holdout.unpersist();
        }
    }

    /**
     * The model's columns as an evaluator that reads only the data types would score them: integer
     * columns the model learned as categories are compared as numbers (KS, Pearson), but the target,
     * which TSTR classifies. Modelling choices that change a column's kind are then scored alike.
     */
    static List<ColumnSpec> byType(List<ColumnSpec> specs, String target) {
        return specs.stream().map(s -> s.categorical() && s.integral() && !s.temporal() && !s.name().equals(target)
                ? new ColumnSpec(s.name(), s.sparkType(), ColumnKind.CONTINUOUS, s.nullable()) : s).toList();
    }

    private static Run score(String table, long seed, String candidate, GanModel model, List<ColumnSpec> specs,
                             SynthConfig cfg, Comparison rows, Double trainSeconds, Integer epochs,
                             Progress progress) {
        progress.line("fidelity bench: " + table + ", seed " + seed + ": evaluating " + candidate);
        EvaluationResult r = Workflow.evaluate(specs, model.config().clean, List.of(), rows,
                cfg.evaluate, seed, progress);
        Metrics m = r.metrics();
        Metrics.MlEfficacyScores ml = m.mlEfficacy();
        Metrics.PrivacyScores p = m.privacy();
        Double dcr = p == null || p.dcrHoldoutP5() == null || p.dcrHoldoutP5() == 0 ? null
                : p.dcrSynthP5() / p.dcrHoldoutP5();
        return new Run(table, seed, candidate, m.columnShapes(), m.columnPairTrends(), m.correlationMad(),
                m.detectionAuc(), ml == null ? null : ml.tstrF1(), ml == null ? null : ml.trtrF1(), dcr,
                p == null ? null : p.exactMatchRate(), trainSeconds, epochs,
                m.detection() == null ? Map.of() : m.detection().giveaways());
    }

    /** Table name (the file name without .parquet) to path; the first directory holding a name wins. */
    static Map<String, String> tables(List<String> dirs, List<String> only) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String dir : dirs) {
            File[] files = new File(dir).listFiles((d, n) -> n.endsWith(".parquet"));
            if (files == null) {
                continue;
            }
            Arrays.sort(files);
            for (File f : files) {
                found.putIfAbsent(f.getName().replaceAll("\\.parquet$", ""), f.getPath());
            }
        }
        if (only.isEmpty()) {
            return found;
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String name : only) {
            if (!found.containsKey(name)) {
                throw new IllegalArgumentException("--tables: no " + name + ".parquet in " + dirs + " (found "
                        + found.keySet() + ")");
            }
            chosen.put(name, found.get(name));
        }
        return chosen;
    }

    /** Mean and spread over the seeds, per table and candidate, as a Markdown table. */
    static String table(List<Run> runs) {
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) {
            groups.computeIfAbsent(r.table() + "\u0000" + r.candidate(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder b = new StringBuilder();
        b.append("| table | candidate | seeds | column shapes | pair trends | correlation MAD | detection AUC "
                + "| TSTR F1 (TRTR) | DCR p5 / holdout | exact copies | training |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (List<Run> g : groups.values()) {
            Run first = g.get(0);
            b.append("| ").append(first.table()).append(" | ").append(first.candidate()).append(" | ")
                    .append(g.size()).append(" | ")
                    .append(stat(g, Run::columnShapes)).append(" | ")
                    .append(stat(g, Run::columnPairTrends)).append(" | ")
                    .append(stat(g, Run::correlationMad)).append(" | ")
                    .append(stat(g, Run::detectionAuc)).append(" | ")
                    .append(first.tstrF1() == null ? "-" : stat(g, r -> r.tstrF1()) + " ("
                            + String.format("%.3f", g.stream().mapToDouble(Run::trtrF1).average().orElse(Double.NaN))
                            + ")").append(" | ")
                    .append(first.dcrP5Ratio() == null ? "-" : stat(g, r -> r.dcrP5Ratio())).append(" | ")
                    .append(first.exactMatchRate() == null ? "-" : String.format("%.2f %%", 100 * g.stream()
                            .mapToDouble(Run::exactMatchRate).average().orElse(Double.NaN))).append(" | ")
                    .append(first.trainSeconds() == null ? "" : String.format("%.0f s, %.0f epochs",
                            g.stream().mapToDouble(Run::trainSeconds).average().orElse(Double.NaN),
                            g.stream().mapToDouble(Run::epochs).average().orElse(Double.NaN)))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** Which columns give sparksynth's rows away to the detector, per table and seed: where to improve. */
    static String giveaways(List<Run> runs) {
        StringBuilder b = new StringBuilder("detector's giveaways (share of its feature importance):\n");
        for (Run r : runs) {
            if (r.candidate().equals(SPARKSYNTH) && r.giveaways() != null) {
                b.append("  ").append(r.table()).append(", seed ").append(r.seed()).append(": ");
                r.giveaways().forEach((c, v) -> b.append(c).append(String.format(" %.2f  ", v)));
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** "mean +- sd" over the seeds (just the mean for one seed). */
    static String stat(List<Run> g, ToDoubleFunction<Run> f) {
        double[] v = g.stream().mapToDouble(f).toArray();
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        if (v.length < 2) {
            return String.format("%.3f", mean);
        }
        double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
        return String.format("%.3f ± %.3f", mean, sd);
    }

    private static void writeJson(List<Run> runs, String file) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), Json.write(runs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
