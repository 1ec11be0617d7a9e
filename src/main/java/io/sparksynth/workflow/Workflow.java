package io.sparksynth.workflow;

import io.sparksynth.config.CleanOptions;
import io.sparksynth.config.EvaluateOptions;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.InputReader;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.data.StructColumns;
import io.sparksynth.evaluate.EvaluationInput;
import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.Evaluator;
import io.sparksynth.generate.MarginalCalibrator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.EpochRecord;
import io.sparksynth.model.GanModel;
import io.sparksynth.preprocess.DataCleaner;
import io.sparksynth.train.Checkpoint;
import io.sparksynth.train.ModelTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * The steps every interface runs: read and split real rows, learn a model (schema inspection,
 * cleaning, transform, distributed GAN training), and compare synthetic with real rows, every
 * side cleaned as the model saw its rows. The CLI, the Spark ML API, the bench and the notebooks
 * all call these, so a step is written (and fixed) once.
 */
public final class Workflow {
    private Workflow() {
    }

    /** A trained model with the real rows it was trained on and held out from, as read once. */
    public record Trained(GanModel model, Split real) {
    }

    /** Learns a model from training rows as they were read (no holdout is taken). */
    public static GanModel fit(Dataset<Row> trainRows, SynthConfig cfg, String source, Progress progress) {
        return fit(trainRows, cfg, source, progress, null, false);
    }

    /**
     * @param checkpointDir where training saves its state every {@code train.checkpoint-every} epochs (null: none)
     * @param resume        continue from the state in {@code checkpointDir}, if there is one
     */
    public static GanModel fit(Dataset<Row> trainRows, SynthConfig cfg, String source, Progress progress,
                               String checkpointDir, boolean resume) {
        List<ColumnSpec> specs = SchemaInspector.inspect(trainRows, cfg.schema, cfg.transform, source);
        Dataset<Row> clean = DataCleaner.clean(trainRows, specs, cfg.clean);
        GanModel model = ModelTrainer.fit(trainRows.sparkSession(), clean, specs, cfg, source, progress,
                checkpointDir, resume);
        if (StructColumns.hasStructs(trainRows.schema())) {
            model.transform().sourceSchema = trainRows.schema().json(); // to nest the learned leaves again
        }
        if (cfg.train.calibrateMarginals()) {
            progress.line(MarginalCalibrator.calibrate(model, clean, cfg.train.calibrationRows(), cfg.seed));
        }
        return model;
    }

    /**
     * {@code train}: reads {@code input} once, holds out {@code split.holdout} of it, learns a
     * model from the rest and writes it to {@code modelDir} (checkpoints beside it, in
     * {@code modelDir.checkpoint}, removed once the model is written).
     */
    public static Trained train(SparkSession spark, SynthConfig cfg, String input, String modelDir, boolean resume,
                                Progress progress) {
        Split real = Split.of(InputReader.read(spark, input), cfg.holdout, cfg.seed);
        if (real.holdout() != null) {
            progress.line(String.format("holding out %.0f%% of %s (seeded by row content)", cfg.holdout * 100, input));
        }
        String checkpointDir = modelDir.replaceAll("/+$", "") + ".checkpoint";
        GanModel model = fit(real.train(), cfg, input, progress, checkpointDir, resume);
        model.save(spark.sparkContext().hadoopConfiguration(), modelDir);
        Checkpoint.clear(spark.sparkContext().hadoopConfiguration(), checkpointDir);
        progress.line("model written to " + modelDir);
        return new Trained(model, real);
    }

    /** Rows cleaned as the model's training rows were (its column specs and cleaning options). */
    public static Dataset<Row> cleanLike(GanModel model, Dataset<Row> rows) {
        return rows == null ? null : DataCleaner.clean(rows, model.transform().specs(), model.config().clean);
    }

    /** Compares with the model's columns and cleaning; its losses go into the report. */
    public static EvaluationResult evaluate(GanModel model, Comparison rows, EvaluateOptions options, long seed,
                                            Progress progress) {
        return evaluate(model.transform().specs(), model.config().clean, model.history(), rows, options, seed,
                progress);
    }

    /**
     * Compares synthetic with real rows over {@code specs}, every table cleaned with the same specs
     * and options first, so that both sides are read the same way.
     */
    public static EvaluationResult evaluate(List<ColumnSpec> specs, CleanOptions clean, List<EpochRecord> history,
                                            Comparison rows, EvaluateOptions options, long seed, Progress progress) {
        EvaluationInput in = new EvaluationInput(clean(rows.reference(), specs, clean),
                clean(rows.synthetic(), specs, clean), clean(rows.train(), specs, clean),
                clean(rows.holdout(), specs, clean), specs, options, seed, history);
        return Evaluator.evaluate(in, progress);
    }

    private static Dataset<Row> clean(Dataset<Row> rows, List<ColumnSpec> specs, CleanOptions clean) {
        return rows == null ? null : DataCleaner.clean(rows, specs, clean);
    }
}
