package io.sparksynth.cli;

import io.sparksynth.bench.Bench;
import io.sparksynth.bench.BigOutputBench;
import io.sparksynth.bench.FidelityBench;
import io.sparksynth.bench.ScalingBench;
import io.sparksynth.bench.WideTableBench;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "bench", description = "Print training seconds per epoch, generation rows/s and averaging-round "
        + "costs, each next to a baseline measured in the same run.")
final class BenchCommand implements Runnable {
    @Mixin
    ConfigOptions config;

    @Option(names = "--epochs", description = "training epochs (default ${DEFAULT-VALUE})")
    int epochs = 3;

    @Option(names = "--rows", description = "rows to generate (default ${DEFAULT-VALUE})")
    long rows = 10_000_000L;

    @Option(names = "--partitions", description = "generation partitions (default: Spark's parallelism)")
    Integer partitions;

    @Option(names = "--rounds", description = "timed dl4j-spark rounds (default ${DEFAULT-VALUE})")
    int rounds = 10;

    @Option(names = "--skip-dl4j-spark", description = "leave out the dl4j-spark round comparison")
    boolean skipDl4jSpark;

    @Option(names = "--skip-evaluate", description = "leave out the evaluation of the generated rows")
    boolean skipEvaluate;

    @Option(names = "--quick", description = "a smoke run: 2 epochs, 200,000 rows, 3 rounds")
    boolean quick;

    @Option(names = "--fidelity", description = "instead: train with the defaults (plus --conf/--set) on every "
            + "table of the data directories, and print column shapes, pair trends, correlation MAD, detection "
            + "AUC and TSTR beside independent columns and the real rows, over several seeds")
    boolean fidelity;

    @Option(names = "--wide", paramLabel = "COLUMNS", description = "instead: train, generate and evaluate a "
            + "generated table of this many mixed columns (and --rows rows), printing wall times and peak driver heap")
    Integer wide;

    @Option(names = "--scaling", split = ",", paramLabel = "WORKERS", description = "instead: train (--epochs) "
            + "and generate (--rows) with each of these numbers of workers and partitions in one session, printing "
            + "the scaling curve (run on a cluster of that many one-core executors)")
    List<Integer> scaling;

    @Option(names = "--big-output", split = ",", paramLabel = "ROWS", description = "instead: generate each of these "
            + "row counts with one model (--model, or one trained --epochs epochs on the config's input), count them "
            + "back and print wall time, rows/s and the driver's heap live after garbage collections")
    List<Long> bigOutput;

    @Option(names = "--model", paramLabel = "DIR", description = "big-output: the model to generate with")
    String model;

    @Option(names = "--rows-per-partition", description = "big-output: rows per generation partition "
            + "(default ${DEFAULT-VALUE})")
    long rowsPerPartition = 2_000_000L;

    @Option(names = "--data", paramLabel = "DIR", description = "fidelity: directories of Parquet tables "
            + "(repeatable; default: data and ../shared/data)")
    List<String> dataDirs = new ArrayList<>();

    @Option(names = "--tables", split = ",", paramLabel = "NAME", description = "fidelity: only these tables "
            + "(file names without .parquet)")
    List<String> tables = new ArrayList<>();

    @Option(names = "--seeds", split = ",", description = "fidelity: seeds (default ${DEFAULT-VALUE})")
    List<Long> seeds = new ArrayList<>(List.of(1L, 2L, 3L));

    @Option(names = "--target", paramLabel = "TABLE=COLUMN", description = "fidelity: the TSTR target of a table "
            + "(repeatable; known for adult, pima_diabetes_na, letters and mnist_10k)")
    Map<String, String> targets = new LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE", description = "fidelity: also write every run's figures here")
    String json;

    @Option(names = "--score-by-type", description = "fidelity: score integer columns as numbers even where the "
            + "model learned them as categories (not the target), as an evaluator reading only the data types would")
    boolean scoreByType;

    @Override
    public void run() {
        if (fidelity) {
            List<String> dirs = dataDirs.isEmpty() ? List.of("data", "../shared/data") : dataDirs;
            inWorkDir("bench-fidelity", null, (cfg, spark, work) -> FidelityBench.run(spark,
                    new FidelityBench.Options(cfg, dirs, tables, seeds, 0.2, targets, work, json, scoreByType),
                    Progress.console(), System.out));
        } else if (wide != null) {
            inWorkDir("bench-wide", null, (cfg, spark, work) -> WideTableBench.run(spark,
                    new WideTableBench.Options(cfg, wide, rows == 10_000_000L ? 5_000 : rows, work), Progress.console(),
                    System.out));
        } else if (scaling != null) {
            inWorkDir("bench-scaling", ADULT, (cfg, spark, work) -> ScalingBench.run(spark,
                    new ScalingBench.Options(cfg, epochs, rows == 10_000_000L ? 2_000_000 : rows, scaling, work),
                    Progress.console(), System.out));
        } else if (bigOutput != null) {
            inWorkDir("bench-big-output", ADULT, (cfg, spark, work) -> BigOutputBench.run(spark,
                    new BigOutputBench.Options(cfg, model, epochs, bigOutput, rowsPerPartition, work),
                    Progress.console(), System.out));
        } else {
            inWorkDir("bench", ADULT, (cfg, spark, work) -> {
                int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
                Bench.run(spark, new Bench.Options(cfg, quick ? 2 : epochs, quick ? 200_000 : rows, p,
                        quick ? 3 : rounds, !skipDl4jSpark, !skipEvaluate, work), Progress.console(), System.out);
            });
        }
    }

    private static final String ADULT = "conf/adult.conf";

    /** One bench's body: its config, the session and a temporary work directory deleted afterwards. */
    private interface BenchRun {
        void run(SynthConfig cfg, SparkSession spark, String work);
    }

    /** Loads the config ({@code defaultConf} when no --conf is given, if not null) and runs {@code body}. */
    private void inWorkDir(String app, String defaultConf, BenchRun body) {
        if (config.conf == null && defaultConf != null) {
            config.conf = defaultConf;
        }
        SynthConfig cfg = config.load(List.of());
        SparkSession spark = SparkSessions.getOrCreate(app, SessionCatalogs.of(cfg.catalog, cfg.format, cfg.input));
        String work = tempDir();
        try {
            body.run(cfg, spark, work);
        } finally {
            delete(spark, work);
        }
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("sparksynth-bench").toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory", e);
        }
    }

    private static void delete(SparkSession spark, String work) {
        try {
            FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()).delete(new Path(work), true);
        } catch (IOException ignored) {
            // a temp directory the OS cleans
        }
    }
}
