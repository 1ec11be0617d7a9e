package io.sparksynth.config;

import java.io.Serializable;

/** The distributed training schedule; 0 in epochs, batch size, log or validation interval means auto. */
public record TrainOptions(int epochs, int batchSize, int workers, int averagingFrequency,
                           int earlyStoppingPatience, double earlyStoppingMinDelta, int logEvery,
                           double generatorEma, int checkpointEvery, boolean calibrateMarginals,
                           int calibrationRows, boolean selectBest, int validationRows, int validateEvery,
                           int validationPatience)
        implements Serializable {
    static TrainOptions from(Section c) {
        TrainOptions t = new TrainOptions(c.getInt("epochs"), c.getInt("batch-size"), c.getInt("workers"),
                c.getInt("averaging-frequency"), c.getInt("early-stopping-patience"),
                c.getDouble("early-stopping-min-delta"), c.getInt("log-every"),
                c.getDouble("generator-ema"), c.getInt("checkpoint-every"), c.getBoolean("calibrate-marginals"),
                c.getInt("calibration-rows"), c.getBoolean("select-best"), c.getInt("validation-rows"),
                c.getInt("validate-every"), c.getInt("validation-patience"));
        SynthConfig.check(t.epochs >= 0, "train.epochs", "must be 0 (auto: from the table's size) or positive");
        SynthConfig.check(t.batchSize == 0 || t.batchSize >= 2, "train.batch-size",
                "must be 0 (auto: from the table's size) or at least 2");
        SynthConfig.check(t.workers >= 0, "train.workers", "must be 0 (default parallelism) or positive");
        SynthConfig.check(t.averagingFrequency >= 1, "train.averaging-frequency", "must be at least 1");
        SynthConfig.check(t.earlyStoppingPatience >= 0, "train.early-stopping-patience", "must be >= 0");
        SynthConfig.check(t.earlyStoppingMinDelta >= 0, "train.early-stopping-min-delta",
                "must be >= 0 (an improvement smaller than this counts as none)");
        SynthConfig.check(t.logEvery >= 0, "train.log-every", "must be 0 (auto: about 50 lines a run) or positive");
        SynthConfig.check(t.generatorEma >= 0 && t.generatorEma < 1, "train.generator-ema", "must be in [0, 1)");
        SynthConfig.check(t.checkpointEvery >= 0, "train.checkpoint-every", "must be 0 (off) or positive");
        SynthConfig.check(t.calibrationRows >= 1000, "train.calibration-rows", "must be at least 1000");
        SynthConfig.check(t.validationRows >= 100, "train.validation-rows", "must be at least 100");
        SynthConfig.check(t.validationPatience >= 0, "train.validation-patience", "must be 0 (never stop) or positive");
        SynthConfig.check(t.validateEvery >= 0, "train.validate-every", "must be 0 (auto: about 25 checks a run) "
                + "or positive");
        return t;
    }
}
