package io.sparksynth.train;

import io.sparksynth.config.GanOptions;
import io.sparksynth.model.ConditionSampler;
import io.sparksynth.model.GanNetworks;
import io.sparksynth.model.OutputActivation;
import io.sparksynth.preprocess.TableTransform;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;

/** Everything a worker needs to rebuild the two networks; broadcast once per training run. */
public record TrainingSpec(String runId, GanOptions gan, int batchSize, long seed, int width,
                           OutputActivation activation, ConditionSampler sampler) implements Serializable {

    public static TrainingSpec of(String runId, GanOptions gan, int batchSize, long seed, TableTransform t) {
        return new TrainingSpec(runId, gan, batchSize, seed, t.width(), new OutputActivation(t.blocks(), t.width()),
                new ConditionSampler(t, gan.conditional()));
    }

    public int generatorInput() {
        return gan.noiseDim() + sampler.dim();
    }

    public int discriminatorInput() {
        return (width + sampler.dim()) * gan.pac();
    }

    public MultiLayerNetwork newGenerator() {
        return GanNetworks.generator(gan, generatorInput(), width, seed);
    }

    public MultiLayerNetwork newDiscriminator() {
        return GanNetworks.discriminator(gan, discriminatorInput(), seed + 1);
    }
}
