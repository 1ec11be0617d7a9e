// Exports the Adult pipeline's real holdout (split and cleaned as the pipeline does) and its synthetic rows
// as CSV for independent_check.py. Run from the repository root after the Adult pipeline (see README).
import org.apache.spark.sql.*;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.*;
import io.sparksynth.preprocess.*;
var spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled","false").getOrCreate();
var cfg = SynthConfig.load("conf/adult.conf", java.util.List.of());
var real = spark.read().parquet("data/adult.parquet");
var specs = SchemaInspector.inspect(real, cfg.schema, "adult");
var holdout = DataCleaner.clean(TrainHoldoutSplit.holdout(real, cfg.holdout, cfg.seed), specs, cfg.clean);
holdout.coalesce(1).write().mode("overwrite").option("header","true").csv("target/independent-check/real");
spark.read().parquet("output/adult/synthetic").coalesce(1).write().mode("overwrite").option("header","true").csv("target/independent-check/synth");
System.out.println("exported");
/exit
