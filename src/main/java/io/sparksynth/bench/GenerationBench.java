package io.sparksynth.bench;

import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import static org.apache.spark.sql.functions.rand;

/**
 * Generation throughput, side by side with Spark writing the same number of rows of as many
 * plain random columns: the ratio isolates the cost of the generator and decoding from Parquet
 * writing on the same machine at the same moment.
 */
final class GenerationBench {
    record Result(long rows, double ganSeconds, double plainSeconds) {
        double ganRowsPerSecond() {
            return rows / ganSeconds;
        }

        double plainRowsPerSecond() {
            return rows / plainSeconds;
        }
    }

    private GenerationBench() {
    }

    static Result run(SparkSession spark, GanModel model, long rows, int partitions, String dir, Progress progress) {
        long t0 = System.nanoTime();
        SyntheticGenerator.write(spark, model, rows, partitions, 1, dir + "/gan", progress);
        double gan = (System.nanoTime() - t0) / 1e9;

        int columns = model.transform().columns.size();
        Column[] cols = new Column[columns];
        for (int i = 0; i < columns; i++) {
            cols[i] = rand(i).as("c" + i);
        }
        progress.line(String.format("plain Spark: writing %,d rows x %d random columns", rows, columns));
        long t1 = System.nanoTime();
        spark.range(0, rows, 1, partitions).select(cols).write().mode(SaveMode.Overwrite).parquet(dir + "/plain");
        double plain = (System.nanoTime() - t1) / 1e9;
        return new Result(rows, gan, plain);
    }
}
