package io.sparksynth.train;

import java.io.Serializable;

/** One worker's networks after its local steps, with the sums of its losses and the seconds its steps took. */
public record RoundResult(int partition, NetworkState generator, NetworkState discriminator, double lossReal,
                          double lossFake, double lossGenerator, int steps, double computeSeconds)
        implements Serializable {
}
