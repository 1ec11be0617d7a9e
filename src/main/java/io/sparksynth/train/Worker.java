package io.sparksynth.train;

import io.sparksynth.model.GanStep;
import io.sparksynth.model.GeneratorNetwork;
import io.sparksynth.model.Seeds;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor side of parameter averaging: one worker per data partition trains both networks
 * for a few local minibatches from the broadcast averaged state. Networks and the partition's
 * encoded rows are kept per executor between rounds (rebuilding them each round would dominate
 * the cost); a task that lands on another executor, or a retried one, rebuilds them from the
 * partition, and, since every random draw derives from (seed, round, partition, step), computes
 * exactly the same result.
 */
final class Worker {
    private static final Map<String, Worker> CACHE = new ConcurrentHashMap<>();

    private final GeneratorNetwork generator;
    private final MultiLayerNetwork discriminator;
    private final GanStep step;
    private final int count;

    private Worker(TrainingSpec spec, float[] rows, int count) {
        this.generator = spec.newGenerator();
        this.discriminator = spec.newDiscriminator();
        this.count = count;
        this.step = count == 0 ? null : new GanStep(generator, discriminator, spec.gan(),
                spec.layout().activation(), spec.layout().sampler(), spec.layout().width(), spec.batchSize(), rows,
                count);
    }

    static RoundResult run(TrainingSpec spec, int partition, Iterator<float[]> rows, RoundState state, int steps) {
        String key = spec.runId() + "/" + partition;
        CACHE.keySet().removeIf(k -> !k.startsWith(spec.runId() + "/"));
        Worker w = CACHE.computeIfAbsent(key, k -> load(spec, rows));
        synchronized (w) {
            return w.round(spec, partition, state, steps);
        }
    }

    /** Drops the cached workers of a finished run. */
    static void release(String runId) {
        CACHE.keySet().removeIf(k -> k.startsWith(runId + "/"));
    }

    private static Worker load(TrainingSpec spec, Iterator<float[]> it) {
        List<float[]> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        int width = spec.layout().width();
        float[] rows = new float[list.size() * width];
        for (int i = 0; i < list.size(); i++) {
            System.arraycopy(list.get(i), 0, rows, i * width, width);
        }
        return new Worker(spec, rows, list.size());
    }

    private RoundResult round(TrainingSpec spec, int partition, RoundState state, int steps) {
        state.generator().applyTo(generator);
        state.discriminator().applyTo(discriminator);
        if (count == 0) {
            return new RoundResult(partition, state.generator(), state.discriminator(), 0, 0, 0, 0, 0);
        }
        int dSteps = spec.gan().discriminatorSteps();
        double real = 0;
        double fake = 0;
        double gen = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            int iteration = state.iteration() + s;
            SplittableRandom rng = Seeds.random(spec.seed(), state.round(), partition, s);
            Nd4j.getRandom().setSeed(rng.nextLong()); // dropout masks
            for (int d = 0; d < dSteps; d++) {
                step.discriminatorStep(iteration * dSteps + d, rng);
            }
            real += step.lossReal;
            fake += step.lossFake;
            step.generatorStep(iteration, rng);
            gen += step.lossGenerator;
        }
        double compute = (System.nanoTime() - t0) / 1e9;
        return new RoundResult(partition, NetworkState.of(generator), NetworkState.of(discriminator), real, fake, gen,
                steps, compute);
    }
}
