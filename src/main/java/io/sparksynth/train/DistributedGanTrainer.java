package io.sparksynth.train;

import io.sparksynth.SynthException;
import io.sparksynth.config.TrainOptions;
import io.sparksynth.io.Progress;
import io.sparksynth.model.EpochRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GAN-aware parameter averaging on Spark. Each round broadcasts the averaged generator and
 * discriminator (parameters and Adam state), every partition trains both for
 * {@code averagingFrequency} local minibatches (discriminator and generator steps alternate
 * minibatch by minibatch, which DL4J's TrainingMaster, knowing one network per fit, cannot do),
 * and the driver averages the results. Results are averaged in partition order, so the same
 * data, config, seed and worker count give the same model; a lost task is recomputed from the
 * broadcast state, never half-applied.
 */
public final class DistributedGanTrainer {

    public record Result(NetworkState generator, NetworkState discriminator, List<EpochRecord> history) {
    }

    private DistributedGanTrainer() {
    }

    /**
     * @param encoded    rows encoded by the table transform, one partition per worker, persisted
     * @param rows       number of encoded rows
     * @param checkpoint where to save state every few epochs (null: none)
     * @param resume     state to continue from (null: start afresh)
     */
    public static Result train(JavaRDD<float[]> encoded, long rows, TrainingSpec spec, TrainOptions options,
                               Progress progress, Checkpoint checkpoint, Checkpoint.State resume) {
        return train(encoded, rows, spec, options, null, progress, checkpoint, resume);
    }

    /**
     * @param validation scores the generator every few epochs (null: never); with
     *                   {@code train.select-best} the best-scoring generator is the result
     */
    static Result train(JavaRDD<float[]> encoded, long rows, TrainingSpec spec, TrainOptions options,
                        Validation validation, Progress progress, Checkpoint checkpoint, Checkpoint.State resume) {
        if (spec.batchSize() % spec.gan().pac() != 0) {
            throw SynthException.usage("train.batch-size (" + spec.batchSize() + ") must be a multiple of gan.pac ("
                    + spec.gan().pac() + ")");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(encoded.context());
        int workers = encoded.getNumPartitions();
        int stepsPerEpoch = TrainingSpec.stepsPerEpoch(rows, spec.batchSize(), workers);
        int k = options.averagingFrequency();
        progress.line(String.format("training: %d rows, %d workers, batch %d per worker, %d steps per epoch, "
                + "averaging every %d steps, %d epochs", rows, workers, spec.batchSize(), stepsPerEpoch, k,
                options.epochs()));

        Broadcast<TrainingSpec> specB = jsc.broadcast(spec);
        RoundState state = new RoundState(0, 0, NetworkState.of(spec.newGenerator()),
                NetworkState.of(spec.newDiscriminator()));
        List<EpochRecord> history = new ArrayList<>();
        float[] ema = null; // exponential moving average of the generator's parameters over rounds
        int firstEpoch = 1;
        Checkpoint.Best best = null;
        if (resume != null) {
            state = resume.round();
            ema = resume.ema();
            history.addAll(resume.history());
            best = resume.best();
            firstEpoch = resume.epoch() + 1;
            progress.line("resuming after epoch " + resume.epoch() + " from the checkpoint");
        }
        Plateau plateau = new Plateau(options.earlyStoppingPatience(), options.earlyStoppingMinDelta());
        history.forEach(r -> plateau.stalled(r.generator())); // a resumed run stops where the whole run would
        long start = System.nanoTime();
        try {
            for (int epoch = firstEpoch; epoch <= options.epochs(); epoch++) {
                long t0 = System.nanoTime();
                double real = 0;
                double fake = 0;
                double gen = 0;
                double compute = 0;
                int steps = 0;
                for (int done = 0; done < stepsPerEpoch; ) {
                    int n = Math.min(k, stepsPerEpoch - done);
                    jsc.setJobDescription("sparksynth train: epoch " + epoch + ", round " + state.round());
                    List<RoundResult> results = round(encoded, specB, jsc.broadcast(state), n);
                    List<NetworkState> gs = new ArrayList<>();
                    List<NetworkState> ds = new ArrayList<>();
                    double slowest = 0;
                    for (RoundResult r : results) {
                        slowest = Math.max(slowest, r.computeSeconds());
                        if (r.steps() > 0) {
                            gs.add(r.generator());
                            ds.add(r.discriminator());
                            real += r.lossReal();
                            fake += r.lossFake();
                            gen += r.lossGenerator();
                            steps += r.steps();
                        }
                    }
                    if (gs.isEmpty()) {
                        throw SynthException.input("every training partition is empty: the input has no rows");
                    }
                    state = new RoundState(state.round() + 1, state.iteration() + n, NetworkState.average(gs),
                            NetworkState.average(ds));
                    ema = movingAverage(ema, state.generator().params(), options.generatorEma());
                    compute += slowest;
                    done += n;
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                EpochRecord rec = new EpochRecord(epoch, real / steps, fake / steps, gen / steps, secs)
                        .withCompute(compute);
                if (validation != null && validation.due(epoch, options.epochs())) {
                    float[] current = ema != null ? ema : state.generator().params();
                    rec = rec.withValidation(validation.score(spec, current));
                    if (!Double.isNaN(rec.validation()) && (best == null || rec.validation() > best.score())) {
                        best = new Checkpoint.Best(current.clone(), rec.validation(), epoch);
                    }
                }
                history.add(rec);
                if (checkpoint != null && checkpoint.due(epoch)) {
                    checkpoint.save(epoch, state, ema, history, best);
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (epoch % options.logEvery() == 0 || epoch == options.epochs()) {
                    double eta = elapsed / (epoch - firstEpoch + 1) * (options.epochs() - epoch);
                    progress.line(String.format("epoch %d/%d  D(real) %.4f  D(fake) %.4f  G %.4f%s  %.2fs (%.0f %% "
                                    + "compute)  ETA %s", epoch, options.epochs(), rec.discriminatorReal(),
                            rec.discriminatorFake(), rec.generator(), Double.isNaN(rec.validation()) || best == null
                                    ? "" : String.format("  validation %.4f (best %.4f, epoch %d)", rec.validation(),
                                    best.score(), best.epoch()), secs, 100 * compute / secs, Progress.duration(eta)));
                }
                if (options.selectBest() && stale(history, best, options.validationPatience())) {
                    progress.line("early stopping: the validation score has not beaten epoch " + best.epoch()
                            + "'s for " + options.validationPatience() + " checks");
                    break;
                }
                if (plateau.stalled(rec.generator())) {
                    progress.line("early stopping: generator loss has not improved for "
                            + options.earlyStoppingPatience() + " epochs");
                    break;
                }
            }
        } finally {
            String runId = spec.runId();
            encoded.foreachPartition(it -> Worker.release(runId));
            specB.destroy();
        }
        NetworkState generator = ema == null ? state.generator()
                : new NetworkState(ema, state.generator().updater());
        if (options.selectBest() && best != null) {
            EpochRecord last = history.get(history.size() - 1);
            progress.line(String.format("keeping the generator of epoch %d: validation score %.4f (last epoch %.4f)",
                    best.epoch(), best.score(), last.validation()));
            generator = new NetworkState(best.params(), state.generator().updater());
        }
        return new Result(generator, state.discriminator(), history);
    }

    /**
     * Whether {@code patience} validation checks since the best one have not beaten it; counted
     * from the history, so a resumed run stops where the whole run would.
     */
    static boolean stale(List<EpochRecord> history, Checkpoint.Best best, int patience) {
        if (patience <= 0 || best == null) {
            return false;
        }
        long since = history.stream().filter(r -> r.epoch() > best.epoch() && !Double.isNaN(r.validation())).count();
        return since >= patience;
    }

    /** Early stopping on a generator-loss plateau (patience 0: never). */
    static final class Plateau {
        private final int patience;
        private final double minDelta;
        private double best = Double.POSITIVE_INFINITY;
        private int sinceBest;

        Plateau(int patience, double minDelta) {
            this.patience = patience;
            this.minDelta = minDelta;
        }

        /** Records an epoch's loss; true once it has not improved by minDelta for patience epochs. */
        boolean stalled(double loss) {
            if (patience <= 0) {
                return false;
            }
            if (loss < best - minDelta) {
                best = loss;
                sinceBest = 0;
                return false;
            }
            return ++sinceBest >= patience;
        }
    }

    /**
     * Polyak averaging of the generator over rounds: a GAN's generator oscillates around the
     * equilibrium, and the average of its recent parameters samples better than the last iterate.
     */
    static float[] movingAverage(float[] ema, float[] params, double decay) {
        if (decay <= 0) {
            return null;
        }
        if (ema == null) {
            return params.clone();
        }
        for (int i = 0; i < ema.length; i++) {
            ema[i] = (float) (decay * ema[i] + (1 - decay) * params[i]);
        }
        return ema;
    }

    private static List<RoundResult> round(JavaRDD<float[]> encoded, Broadcast<TrainingSpec> specB,
                                           Broadcast<RoundState> stateB, int steps) {
        try {
            List<RoundResult> results = new ArrayList<>(encoded.mapPartitionsWithIndex((idx, it) -> {
                RoundResult r = Worker.run(specB.value(), idx, it, stateB.value(), steps);
                return List.of(r).iterator();
            }, true).collect());
            results.sort(Comparator.comparingInt(RoundResult::partition));
            return results;
        } finally {
            stateB.destroy();
        }
    }
}
