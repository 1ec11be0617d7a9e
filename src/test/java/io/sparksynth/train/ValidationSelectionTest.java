package io.sparksynth.train;

import io.sparksynth.TestSpark;
import io.sparksynth.io.Progress;
import io.sparksynth.model.EpochRecord;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training keeps the generator of the best validation check, and stops once checks stop beating it. */
class ValidationSelectionTest {

    @Test
    void theBestCheckedGeneratorIsKept() {
        Fit f = fit("train.epochs=8", "train.validate-every=1", "train.validation-patience=0");
        List<EpochRecord> h = f.model().history();
        assertEquals(8, h.size());
        h.forEach(r -> assertFalse(Double.isNaN(r.validation()), "epoch " + r.epoch() + " was checked"));
        EpochRecord best = h.stream().max(Comparator.comparingDouble(EpochRecord::validation)
                .thenComparing(r -> -r.epoch())).orElseThrow(); // the first of equal scores
        assertTrue(f.log().contains("keeping the generator of epoch " + best.epoch() + ":"), f.log());
    }

    @Test
    void checksThatNoLongerBeatTheBestStopTraining() {
        Fit f = fit("train.epochs=30", "train.validate-every=1", "train.validation-patience=2");
        List<EpochRecord> h = f.model().history();
        int best = h.stream().max(Comparator.comparingDouble(EpochRecord::validation)
                .thenComparing(r -> -r.epoch())).orElseThrow().epoch();
        int last = h.get(h.size() - 1).epoch();
        assertTrue(last == 30 || (last == best + 2 && f.log().contains("early stopping: the validation score")),
                "stopped at " + last + " with the best at " + best + ": " + f.log());
        assertTrue(DistributedGanTrainer.stale(h, new Checkpoint.Best(new float[0], 1, best), 2) || last == 30);
        assertFalse(DistributedGanTrainer.stale(h, new Checkpoint.Best(new float[0], 1, best), 0), "0 = never");
    }

    @Test
    void everyCheckScoresTheSameDrawsSoOnlyTheGeneratorMovesTheScore() {
        // a learning rate too small to move any float parameter: the same generator at every check
        Fit still = fit("train.epochs=4", "train.validate-every=1", "train.validation-patience=0",
                "gan.generator-learning-rate=1e-30");
        List<Double> scores = still.model().history().stream().map(EpochRecord::validation).toList();
        assertEquals(1, scores.stream().distinct().count(), "one score for one generator: " + scores);
        Fit moving = fit("train.epochs=4", "train.validate-every=1", "train.validation-patience=0");
        List<Double> moved = moving.model().history().stream().map(EpochRecord::validation).toList();
        assertTrue(moved.stream().distinct().count() > 1, "a learning generator scores differently: " + moved);
    }

    private record Fit(GanModel model, String log) {
    }

    private static Fit fit(String... settings) {
        Dataset<Row> real = TestSpark.session().read().parquet("data/eustock_losses.parquet");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        GanModel m = Workflow.fit(real, TestSpark.quickConfig(settings), "eustock",
                new Progress(new PrintStream(log, true, StandardCharsets.UTF_8)));
        return new Fit(m, log.toString(StandardCharsets.UTF_8));
    }
}
