package io.sparksynth.train;

import io.sparksynth.config.GanOptions;
import io.sparksynth.model.GanLayout;
import io.sparksynth.model.GanNetworks;
import io.sparksynth.model.GeneratorNetwork;
import io.sparksynth.preprocess.TableTransform;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;

/** Everything a worker needs to rebuild the two networks; broadcast once per training run. */
public record TrainingSpec(String runId, GanOptions gan, int batchSize, long seed, GanLayout layout)
        implements Serializable {

    public static TrainingSpec of(String runId, GanOptions gan, int batchSize, long seed, TableTransform t) {
        return new TrainingSpec(runId, gan, batchSize, seed, GanLayout.of(t, gan));
    }

    /** Optimiser steps per epoch: each of the workers takes one batch per step. */
    public static int stepsPerEpoch(long rows, int batchSize, int workers) {
        return (int) Math.max(1, Math.ceil((double) rows / ((long) batchSize * workers)));
    }

    public GeneratorNetwork newGenerator() {
        return GanNetworks.generator(gan, layout, seed);
    }

    public MultiLayerNetwork newDiscriminator() {
        return GanNetworks.discriminator(gan, layout, seed + 1);
    }
}
