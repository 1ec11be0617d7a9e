package io.sparksynth.train;

import io.sparksynth.SynthException;
import io.sparksynth.config.GanOptions;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.config.TrainOptions;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.io.Progress;
import io.sparksynth.model.EpochRecord;
import io.sparksynth.model.GanModel;
import io.sparksynth.model.GeneratorNetwork;
import io.sparksynth.model.ModelProvenance;
import io.sparksynth.preprocess.FitSample;
import io.sparksynth.preprocess.TableTransform;
import io.sparksynth.preprocess.TransformFitter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.apache.spark.sql.functions.col;

/** Fits the transform and the GAN on cleaned real rows: the learning stage of {@code train}. */
public final class ModelTrainer {
    /** Encoded values one worker holds for training: 256 MB of floats. */
    static final long MAX_FLOATS_PER_WORKER = 64L << 20;
    private static final String HASH = "__sparksynth_hash";

    private ModelTrainer() {
    }

    /**
     * @param clean         the real training rows, cleaned with {@code specs}
     * @param specs         the columns to learn, as inspected on the training rows
     * @param source        where the rows came from, for messages and provenance
     * @param checkpointDir where training saves its state every {@code train.checkpoint-every} epochs (null: none)
     * @param resume        continue from the state in {@code checkpointDir}, if there is one
     */
    public static GanModel fit(SparkSession spark, Dataset<Row> clean, List<ColumnSpec> specs, SynthConfig config,
                               String source, Progress progress, String checkpointDir, boolean resume) {
        long t0 = System.nanoTime();
        progress.line("fitting preprocessing on " + specs.size() + " columns: " + describe(specs));
        TableTransform transform = fitTransform(clean, specs, config, source);
        if (!transform.derivations().isEmpty()) {
            progress.line("derived from another column in every row, so not learned: "
                    + String.join(", ", transform.derivations()));
        }
        if (!transform.identifiers().isEmpty()) {
            progress.line("identifiers (nearly all values distinct), generated fresh and unique, not learned: "
                    + String.join(", ", transform.identifiers()));
        }
        progress.line("encoded width " + transform.width() + " (" + transform.blocks().size() + " output blocks)");
        if (transform.width() == 0) {
            throw SynthException.input(source + ": every column holds a single value, so there is nothing for "
                    + "the GAN to learn (a one-row table is one such case): give it rows that vary");
        }

        config = withPac(config, transform.width(), progress);
        int workers = config.train.workers() > 0 ? config.train.workers()
                : spark.sparkContext().defaultParallelism();
        Dataset<Row> rowsToTrain = boundedSample(clean, transform.width(), workers, config.seed, progress);
        JavaRDD<float[]> encoded = canonical(rowsToTrain, workers, config.seed).javaRDD().map(transform::encode)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            long rows = encoded.count();
            TrainingSchedule schedule = TrainingSchedule.choose(config.train, config.gan.pac(), rows, workers,
                    costPerRow(config, transform));
            if (!schedule.reason().isEmpty()) {
                progress.line("training schedule: " + schedule.reason());
            }
            TrainOptions train = schedule.applyTo(config.train);
            TrainingSpec spec = TrainingSpec.of(UUID.randomUUID().toString(), config.gan, train.batchSize(),
                    config.seed, transform);
            // what the trajectory depends on; epochs may change, so a resumed run can also train longer
            String fingerprint = UUID.nameUUIDFromBytes((transform.toJson() + config.gan + config.seed + "/" + workers
                    + "/" + train.batchSize() + "/" + train.averagingFrequency() + "/"
                    + train.generatorEma() + "/" + rows).getBytes(StandardCharsets.UTF_8)).toString();
            Checkpoint checkpoint = checkpointDir == null ? null : new Checkpoint(
                    spark.sparkContext().hadoopConfiguration(), checkpointDir, config.train.checkpointEvery(),
                    fingerprint);
            Checkpoint.State from = resume && checkpoint != null ? checkpoint.load() : null;
            if (resume && checkpoint != null && from == null) {
                progress.line("no checkpoint in " + checkpointDir + ": training from the start");
            }
            Validation validation = train.selectBest() ? Validation.of(encoded, rows, transform,
                    train.validationRows(), train.validateEvery(), config.seed) : null;
            DistributedGanTrainer.Result result = DistributedGanTrainer.train(encoded, rows, spec, train, validation,
                    progress, checkpoint, from);
            GeneratorNetwork g = spec.newGenerator();
            MultiLayerNetwork d = spec.newDiscriminator();
            result.generator().applyTo(g);
            result.discriminator().applyTo(d);

            // the transform's specs: nullability as the fitted rows have it, not as the input schema declares
            ModelProvenance provenance = new ModelProvenance(ModelProvenance.FORMAT, Instant.now().toString(), source,
                    rows, config.holdout, config.seed, columnsOf(transform.specs()), transform.width(),
                    spec.layout().conditionWidth(), workers, result.history().size(), (System.nanoTime() - t0) / 1e9,
                    Versions.all(spark));
            return new GanModel(transform, config, g, d, result.history(), provenance);
        } finally {
            encoded.unpersist(false);
        }
    }

    /**
     * Rows hash-partitioned by their content into one partition per worker and sorted by that
     * hash: the same rows in the same order on each worker, whatever the input's partitioning.
     */
    /**
     * The rows training keeps: all of them when their encoded form fits {@link #MAX_FLOATS_PER_WORKER}
     * per worker, else a seeded sample by content hash that does (the same rows whatever the
     * partitioning). Each worker holds its share in memory for the whole run, and the step budget
     * of the schedule sees a few million rows at most, so a 10-million-row input trains on a
     * sample rather than failing or spilling.
     */
    static Dataset<Row> boundedSample(Dataset<Row> clean, int width, int workers, long seed, Progress progress) {
        return boundedSample(clean, width, workers, MAX_FLOATS_PER_WORKER, seed, progress);
    }

    static Dataset<Row> boundedSample(Dataset<Row> clean, int width, int workers, long floatsPerWorker, long seed,
                                      Progress progress) {
        long fits = (long) workers * (floatsPerWorker / Math.max(1, width));
        long rows = clean.count();
        if (rows <= fits) {
            return clean;
        }
        progress.line(String.format("training on a seeded sample of about %,d of the %,d rows: %d workers x %,d "
                + "encoded values each (%d per row) fit in memory", fits, rows, workers, floatsPerWorker, width));
        return FitSample.byHash(clean, (double) fits / rows, seed);
    }

    static Dataset<Row> canonical(Dataset<Row> data, int workers, long seed) {
        String[] cols = data.columns();
        return data.withColumn(HASH, FitSample.rowHash(data, seed))
                .repartition(workers, col(HASH))
                .sortWithinPartitions(HASH)
                .select(java.util.Arrays.stream(cols).map(c -> col(SchemaInspector.quote(c)))
                        .toArray(org.apache.spark.sql.Column[]::new));
    }

    /** The config with gan.pac resolved for rows this wide (auto: {@link GanOptions#pacFor}); the model records it. */
    static SynthConfig withPac(SynthConfig config, int width, Progress progress) {
        if (config.gan.pac() > 0) {
            return config;
        }
        int pac = config.gan.pacFor(width);
        while (config.train.batchSize() % pac != 0) { // a batch size of the user's own: a pack that divides it
            pac--;
        }
        progress.line("gan.pac " + pac + " (auto: " + (pac == GanOptions.AUTO_PAC ? "" : "rows " + width
                + " encoded values wide; ") + "at most " + GanOptions.AUTO_PAC + " rows per discriminator input, "
                + "at most " + GanOptions.PACKED_INPUTS_PER_UNIT + " inputs per unit of its first layer)");
        return config.with(List.of("gan.pac=" + pac));
    }

    /** Fits the transform; a data error (no rows, a column of nulls) names the input it is about. */
    private static TableTransform fitTransform(Dataset<Row> clean, List<ColumnSpec> specs, SynthConfig config,
                                               String source) {
        try {
            return TransformFitter.fit(clean, specs, config.transform, config.seed);
        } catch (SynthException e) {
            throw new SynthException(e.exitCode(), source + ": " + e.getMessage(), e);
        }
    }

    /** Multiply-adds of one row through the generator and (over the pack) the discriminator. */
    static long costPerRow(SynthConfig config, TableTransform transform) {
        TrainingSpec probe = TrainingSpec.of("cost", config.gan, config.gan.pac(), config.seed, transform);
        return probe.newGenerator().params().length() + probe.newDiscriminator().numParams() / config.gan.pac();
    }

    /** Each column with its kind; a wide table's as counts per kind (a log line, not a wall of names). */
    private static String describe(List<ColumnSpec> specs) {
        if (specs.size() > 30) {
            java.util.Map<String, Long> kinds = new java.util.TreeMap<>(specs.stream().collect(
                    java.util.stream.Collectors.groupingBy(s -> s.kind().label(), java.util.stream.Collectors.counting())));
            StringBuilder b = new StringBuilder();
            kinds.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(k));
            return b.append(" (the model's metadata lists them)").toString();
        }
        StringBuilder b = new StringBuilder();
        for (ColumnSpec s : specs) {
            b.append(b.length() == 0 ? "" : ", ").append(s.name()).append(' ').append(s.kind().label(), 0, 4);
        }
        return b.toString();
    }

    private static List<ModelProvenance.Column> columnsOf(List<ColumnSpec> specs) {
        return specs.stream().map(c -> new ModelProvenance.Column(c.name(), c.sparkType(), c.kind().label(),
                c.nullable(), c.vector() ? c.length() : null, c.shape().isEmpty() ? null : c.shape())).toList();
    }
}
