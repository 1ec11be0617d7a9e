package io.sparksynth.cli;

import io.sparksynth.generate.ConditionRequest;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "generate", description = "Write synthetic rows as Parquet, in the real schema.")
final class GenerateCommand implements Runnable {
    @Option(names = "--model", required = true, paramLabel = "DIR")
    String model;

    @Option(names = "--rows", required = true, paramLabel = "N")
    long rows;

    @Option(names = "--output", required = true, paramLabel = "DIR")
    String output;

    @Option(names = "--partitions", paramLabel = "P", description = "output files (default: Spark's parallelism)")
    Integer partitions;

    @Option(names = "--seed", description = "generation seed (default: the model's seed)")
    Long seed;

    @Option(names = "--where", paramLabel = "COL=VALUE[,COL=VALUE]", description = "conditional generation: every "
            + "row holds these values of categorical columns, spelled as in the cleaned real data (repeatable)")
    List<String> where;

    @Option(names = "--balance", paramLabel = "COL", description = "equal rows per value of the categorical column "
            + "COL, each value conditioned as with --where")
    String balance;

    @Override
    public void run() {
        ConditionRequest request = new ConditionRequest(ConditionRequest.parseWhere(where), balance);
        SyntheticGenerator.checkCounts(rows, partitions != null ? partitions : 1); // before Spark's start-up
        SparkSession spark = SparkSessions.getOrCreate("generate");
        GanModel m = GanModel.load(spark.sparkContext().hadoopConfiguration(), model);
        int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
        long s = seed != null ? seed : m.config().seed;
        SyntheticGenerator.write(spark, m, rows, p, s, request, output, Progress.console());
    }
}
