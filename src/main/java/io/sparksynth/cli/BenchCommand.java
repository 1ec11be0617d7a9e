package io.sparksynth.cli;

import io.sparksynth.bench.Bench;
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
import java.util.List;

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

    @Override
    public void run() {
        if (config.conf == null) {
            config.conf = "conf/adult.conf";
        }
        SynthConfig cfg = config.load(List.of());
        SparkSession spark = SparkSessions.getOrCreate("bench");
        int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        String work;
        try {
            work = Files.createTempDirectory("sparksynth-bench").toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory", e);
        }
        try {
            Bench.run(spark, new Bench.Options(cfg, quick ? 2 : epochs, quick ? 200_000 : rows, p, quick ? 3 : rounds,
                    !skipDl4jSpark, !skipEvaluate, work), Progress.console(), System.out);
        } finally {
            try {
                Path w = new Path(work);
                FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()).delete(w, true);
            } catch (IOException ignored) {
                // a temp directory the OS cleans
            }
        }
    }
}
