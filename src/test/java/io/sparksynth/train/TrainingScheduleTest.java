package io.sparksynth.train;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.config.TrainOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
/** The auto schedule in optimiser steps, for tables from a few rows to millions. */
class TrainingScheduleTest {
    private static final TrainOptions AUTO = SynthConfig.defaults().train;

    @Test
    void smallTablesGetSmallerBatchesAndMoreEpochsToReachTheMinimumSteps() {
        TrainingSchedule s = TrainingSchedule.choose(AUTO, 5, 614, 2); // Pima's training rows
        assertEquals(75, s.batchSize(), "a quarter of 307 rows per worker, down to a multiple of 5");
        assertEquals(5, s.stepsPerEpoch());
        assertEquals(600, s.epochs(), "3,000 steps");
        assertEquals(12, s.logEvery());
        assertEquals(24, s.validateEvery(), "25 checks");
        assertTrue(s.reason().contains("batch 75") && s.reason().contains("600 epochs"), s.reason());
    }

    @Test
    void mediumTablesKeepThreeHundredEpochsOfFullBatches() {
        TrainingSchedule s = TrainingSchedule.choose(AUTO, 10, 26_048, 2); // Adult's training rows
        assertEquals(500, s.batchSize());
        assertEquals(27, s.stepsPerEpoch());
        assertEquals(300, s.epochs(), "8,100 steps lie within the bounds");
    }

    @Test
    void largeTablesAreBoundedBySteps() {
        TrainingSchedule s = TrainingSchedule.choose(AUTO, 10, 10_000_000, 4);
        assertEquals(500, s.batchSize());
        assertEquals(5_000, s.stepsPerEpoch());
        assertEquals(2, s.epochs(), "10,000 steps");
        assertTrue((long) s.epochs() * s.stepsPerEpoch() <= TrainingSchedule.MAX_STEPS);
    }

    @Test
    void aTinyTableStillGetsOnePackPerBatch() {
        TrainingSchedule s = TrainingSchedule.choose(AUTO, 10, 7, 2);
        assertEquals(10, s.batchSize());
        assertEquals(1, s.stepsPerEpoch());
        assertEquals(3_000, s.epochs());
    }

    @Test
    void explicitValuesWinAndNeedNoReason() {
        TrainOptions set = SynthConfig.defaults().with(List.of("train.epochs=40", "train.batch-size=100",
                "train.log-every=7", "train.validate-every=3")).train;
        TrainingSchedule s = TrainingSchedule.choose(set, 5, 614, 2);
        assertEquals(100, s.batchSize());
        assertEquals(40, s.epochs());
        assertEquals(7, s.logEvery());
        assertEquals(3, s.validateEvery());
        assertEquals("", s.reason());
        TrainOptions applied = s.applyTo(set);
        assertEquals(set, applied, "nothing auto: the options unchanged");
        TrainingSchedule onlyEpochs = TrainingSchedule.choose(SynthConfig.defaults().with(
                List.of("train.batch-size=100")).train, 5, 614, 2);
        assertEquals(4, onlyEpochs.stepsPerEpoch());
        assertEquals(750, onlyEpochs.epochs(), "auto epochs follow the given batch");
    }

    @Test
    void wideTablesAreCappedByComputeNarrowOnesAreNot() {
        // Adult's networks: about 184,000 multiply-adds per row; a 300-column table's about 1.5 million
        TrainingSchedule adult = TrainingSchedule.choose(AUTO, 10, 26_048, 2, 184_000);
        assertEquals(300, adult.epochs(), "within the budget: " + adult.reason());
        assertTrue(!adult.reason().contains("capped"), adult.reason());
        TrainingSchedule wide = TrainingSchedule.choose(AUTO, 5, 4_001, 2, 1_500_000);
        long steps = (long) wide.epochs() * wide.stepsPerEpoch();
        assertEquals(1_335, steps, "1e12 / (500 x 1.5e6) steps, rounded up to whole epochs: " + wide.reason());
        assertTrue(wide.reason().contains("capped by compute: 1,500,000 multiply-adds per row"), wide.reason());
        TrainingSchedule huge = TrainingSchedule.choose(AUTO, 5, 4_001, 2, 100_000_000);
        assertEquals(TrainingSchedule.MIN_BUDGET_STEPS, (long) huge.epochs() * huge.stepsPerEpoch(),
                "never fewer than the floor");
    }
}
