package io.sparksynth.train;

import io.sparksynth.workflow.Workflow;
import io.sparksynth.SynthException;
import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training that stopped after a checkpoint and was resumed ends with exactly the model of an
 * uninterrupted training: same parameters, same Adam state, same history.
 */
class CheckpointResumeTest {

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

    @Test
    void earlyStoppingReplaysTheHistoryOfAResumedRun() {
        DistributedGanTrainer.Plateau p = new DistributedGanTrainer.Plateau(2, 0.1);
        assertEquals(false, p.stalled(1.0));
        assertEquals(false, p.stalled(0.95)); // not better by 0.1: one epoch without improvement
        assertEquals(true, p.stalled(0.99));
        DistributedGanTrainer.Plateau never = new DistributedGanTrainer.Plateau(0, 0.1);
        for (int i = 0; i < 10; i++) {
            assertEquals(false, never.stalled(1.0));
        }
    }
}
