package io.sparksynth.train;

import io.sparksynth.workflow.Workflow;
import io.sparksynth.SynthException;
import io.sparksynth.TestSpark;
import io.sparksynth.cli.SparkSynth;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training that stopped after a checkpoint and was resumed ends with exactly the model of an
 * uninterrupted training: same parameters, same Adam state, same history.
 */
class CheckpointResumeTest {
    /** Early stopping's patience in the killed-and-resumed training, and the epoch after which its driver is killed. */
    static final int PATIENCE = 6;
    static final int KILL_AFTER = 3;
    static final Configuration HADOOP = new Configuration();

    @Test
    void resumedTrainingEqualsUninterruptedTraining(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        Dataset<Row> data = spark.read().parquet("data/eustock_losses.parquet");
        String checkpoint = dir.resolve("model.checkpoint").toString();

        GanModel whole = Workflow.fit(data, TestSpark.quickConfig("train.epochs=4"), "eustock",
                Progress.silent());

        // the "killed" run: stops after epoch 2, having saved its state there
        Workflow.fit(data, TestSpark.quickConfig("train.epochs=2", "train.checkpoint-every=2"), "eustock",
                Progress.silent(), checkpoint, false);
        assertTrue(Files.exists(dir.resolve("model.checkpoint/state.bin")), "checkpoint written at epoch 2");

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        GanModel resumed = Workflow.fit(data, TestSpark.quickConfig("train.epochs=4",
                "train.checkpoint-every=2"), "eustock", new Progress(new PrintStream(console, true)), checkpoint, true);
        assertTrue(console.toString().contains("resuming after epoch 2"), console.toString());

        assertArrayEquals(NetworkState.of(whole.generator()).params(), NetworkState.of(resumed.generator()).params());
        assertArrayEquals(NetworkState.of(whole.discriminator()).params(),
                NetworkState.of(resumed.discriminator()).params());
        assertArrayEquals(NetworkState.of(whole.discriminator()).updater(),
                NetworkState.of(resumed.discriminator()).updater());
        assertEquals(4, resumed.history().size());
        for (int e = 0; e < 4; e++) {
            assertEquals(whole.history().get(e).generator(), resumed.history().get(e).generator(), 0.0,
                    "generator loss of epoch " + (e + 1));
        }
    }

    @Test
    void aCheckpointOfAnotherTrainingIsRefused(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        Dataset<Row> data = spark.read().parquet("data/eustock_losses.parquet");
        String checkpoint = dir.resolve("model.checkpoint").toString();
        Workflow.fit(data, TestSpark.quickConfig("train.epochs=1", "train.checkpoint-every=1"), "eustock",
                Progress.silent(), checkpoint, false);
        SynthConfig other = TestSpark.quickConfig("train.epochs=2", "seed=7");
        SynthException e = assertThrows(SynthException.class, () -> Workflow.fit(data, other, "eustock",
                Progress.silent(), checkpoint, true));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains(checkpoint), e.getMessage());
    }

    /**
     * A training with early stopping whose driver is killed (SIGKILL, a separate JVM) after a
     * checkpoint, then resumed with {@code train --resume}, ends as the uninterrupted run: stopped
     * at the same epoch with the same history and the same networks. The plateau counter is not in
     * the checkpoint: the resumed run rebuilds it from the saved history, or it would stop later.
     */
    @Test
    void earlyStoppingReplaysTheHistoryOfAResumedRun(@TempDir Path dir) throws Exception {
        TestSpark.session();
        // min-delta 1000: no epoch after the first improves, so the run stops at epoch 1 + patience
        List<String> settings = TestSpark.quickArgs("train.epochs=40", "train.early-stopping-patience=" + PATIENCE,
                "train.early-stopping-min-delta=1000", "train.checkpoint-every=1", "train.log-every=1");
        String whole = dir.resolve("whole").toString();
        assertEquals(0, SparkSynth.run(train(whole, settings, false)));
        assertEquals(1 + PATIENCE, GanModel.load(HADOOP, whole).history().size(), "early stopping ended the run");

        String model = dir.resolve("resumed").toString();
        Path log = dir.resolve("killed-driver.log");
        Process driver = KilledDriver.start(train(model, settings, false), log);
        KilledDriver.killAfter(driver, log, "epoch " + KILL_AFTER + "/40");
        assertFalse(Files.exists(Path.of(model)), "a killed training publishes no model");
        assertTrue(Files.exists(Path.of(model + ".checkpoint", "state.bin")), "its checkpoint is there");

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(console, true));
        try {
            assertEquals(0, SparkSynth.run(train(model, settings, true)));
        } finally {
            System.setOut(out);
        }
        Matcher resumed = Pattern.compile("resuming after epoch (\\d+)").matcher(console.toString());
        assertTrue(resumed.find(), console.toString());
        int from = Integer.parseInt(resumed.group(1));
        System.out.println("driver killed after \"epoch " + KILL_AFTER + "/40\"; resumed after epoch " + from);
        assertTrue(from >= KILL_AFTER && from < 1 + PATIENCE, "resumed mid-run, before the plateau: epoch " + from);
        assertFalse(Files.exists(Path.of(model + ".checkpoint")), "the checkpoint is removed with the model saved");

        assertEquals(losses(whole), losses(model), "history of the resumed run");
        GanModel a = GanModel.load(HADOOP, whole);
        GanModel b = GanModel.load(HADOOP, model);
        assertArrayEquals(NetworkState.of(a.generator()).params(), NetworkState.of(b.generator()).params());
        assertArrayEquals(NetworkState.of(a.discriminator()).params(), NetworkState.of(b.discriminator()).params());
        assertArrayEquals(NetworkState.of(a.discriminator()).updater(),
                NetworkState.of(b.discriminator()).updater());
    }

    /** The plateau rule itself: improvement means by more than min-delta; patience 0 never stops. */
    @Test
    void plateauStopsAfterPatienceEpochsWithoutImprovement() {
        DistributedGanTrainer.Plateau p = new DistributedGanTrainer.Plateau(2, 0.1);
        assertFalse(p.stalled(1.0));
        assertFalse(p.stalled(0.95)); // not better by 0.1: one epoch without improvement
        assertTrue(p.stalled(0.99));
        DistributedGanTrainer.Plateau never = new DistributedGanTrainer.Plateau(0, 0.1);
        for (int i = 0; i < 10; i++) {
            assertFalse(never.stalled(1.0));
        }
    }

    static String[] train(String model, List<String> settings, boolean resume) {
        List<String> a = new ArrayList<>(List.of("train", "--input",
                Path.of("data/eustock_losses.parquet").toAbsolutePath().toString(), "--model", model));
        if (resume) {
            a.add("--resume");
        }
        a.addAll(settings);
        return a.toArray(String[]::new);
    }

    /** history.csv without the wall and compute times (fifth and seventh fields): losses and validation scores. */
    static List<String> losses(String model) throws IOException {
        return Files.readAllLines(Path.of(model, "history.csv")).stream().map(l -> {
            String[] f = l.split(",", -1);
            f[4] = "";
            if (f.length > 6) {
                f[6] = "";
            }
            return String.join(",", f);
        }).toList();
    }
}
