package io.sparksynth.train;

import io.sparksynth.config.TrainOptions;

/**
 * The batch size, epochs and log interval of a run, chosen from the table's size where the config
 * leaves them at 0 (auto). A GAN learns per optimiser step, not per epoch: a fixed 300 epochs of
 * 500-row batches gives a 600-row table 300 steps (undertrained) and a 5-million-row table 1.5
 * million (days). So auto aims at a number of steps instead:
 * <ul>
 *   <li>batch: a quarter of each worker's rows, at most {@value #MAX_BATCH} (CTGAN's batch), a
 *       multiple of the PacGAN pack, so that small tables still take several steps per epoch;</li>
 *   <li>epochs: 300 epochs' worth of steps, but at least {@value #MIN_STEPS} and at most
 *       {@value #MAX_STEPS} steps (a large table then trains on a few passes over its rows);</li>
 *   <li>compute: a wide table's networks cost many times a narrow one's per row, so its steps are
 *       also capped at {@link #COMPUTE_BUDGET} multiply-adds per worker (rows seen times the
 *       parameters a row passes through: the generator's, and the discriminator's over the pack),
 *       about 15 minutes of one core; Adult's 8,100 steps use three quarters of it. Never below
 *       {@value #MIN_BUDGET_STEPS} steps;</li>
 *   <li>progress: about {@value #LOG_LINES} epoch lines per run, {@value #VALIDATIONS} validation checks.</li>
 * </ul>
 *
 * @param reason what was chosen and why, for the log
 */
public record TrainingSchedule(int batchSize, int epochs, int stepsPerEpoch, int logEvery, int validateEvery,
                               String reason) {
    static final int MAX_BATCH = 500;
    static final int EPOCHS = 300;
    static final long MIN_STEPS = 3_000;
    static final long MAX_STEPS = 10_000;
    static final double COMPUTE_BUDGET = 1.0e12;
    static final long MIN_BUDGET_STEPS = 1_000;
    static final int LOG_LINES = 50;
    static final int VALIDATIONS = 25;

    /** The schedule without a compute cap (networks of unknown size). */
    public static TrainingSchedule choose(TrainOptions options, int pac, long rows, int workers) {
        return choose(options, pac, rows, workers, 0);
    }

    /**
     * @param costPerRow multiply-adds of one row's forward pass through both networks (generator
     *                   parameters plus discriminator parameters over the pack); 0: no compute cap
     */
    public static TrainingSchedule choose(TrainOptions options, int pac, long rows, int workers, long costPerRow) {
        StringBuilder why = new StringBuilder();
        int batch = options.batchSize();
        if (batch == 0) {
            long perWorker = Math.max(1, (rows + workers - 1) / workers);
            long quarter = Math.min(MAX_BATCH, perWorker / 4);
            batch = (int) Math.max(pac, quarter / pac * pac);
            why.append(String.format("batch %d per worker (auto: a quarter of %,d rows per worker, at most %d, "
                    + "a multiple of gan.pac %d)", batch, perWorker, MAX_BATCH, pac));
        }
        int stepsPerEpoch = TrainingSpec.stepsPerEpoch(rows, batch, workers);
        int epochs = options.epochs();
        if (epochs == 0) {
            long steps = Math.max(MIN_STEPS, Math.min(MAX_STEPS, (long) EPOCHS * stepsPerEpoch));
            String capped = "";
            if (costPerRow > 0) {
                long affordable = Math.max(MIN_BUDGET_STEPS, (long) (COMPUTE_BUDGET / ((double) batch * costPerRow)));
                if (affordable < steps) {
                    steps = affordable;
                    capped = String.format("; capped by compute: %,d multiply-adds per row through the networks",
                            costPerRow);
                }
            }
            epochs = (int) ((steps + stepsPerEpoch - 1) / stepsPerEpoch);
            why.append(why.length() == 0 ? "" : "; ").append(String.format("%d epochs (auto: %,d steps of %d per "
                    + "epoch; 300 epochs' worth, within %,d to %,d steps%s)", epochs, (long) epochs * stepsPerEpoch,
                    stepsPerEpoch, MIN_STEPS, MAX_STEPS, capped));
        }
        int logEvery = options.logEvery() > 0 ? options.logEvery() : Math.max(1, epochs / LOG_LINES);
        int validateEvery = options.validateEvery() > 0 ? options.validateEvery()
                : Math.max(1, epochs / VALIDATIONS);
        return new TrainingSchedule(batch, epochs, stepsPerEpoch, logEvery, validateEvery, why.toString());
    }

    /** The options with this schedule's values in place of auto. */
    public TrainOptions applyTo(TrainOptions o) {
        return new TrainOptions(epochs, batchSize, o.workers(), o.averagingFrequency(), o.earlyStoppingPatience(),
                o.earlyStoppingMinDelta(), logEvery, o.generatorEma(), o.checkpointEvery(), o.calibrateMarginals(),
                o.calibrationRows(), o.selectBest(), o.validationRows(), validateEvery, o.validationPatience());
    }
}
