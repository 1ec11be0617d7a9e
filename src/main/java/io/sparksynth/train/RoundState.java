package io.sparksynth.train;

import java.io.Serializable;

/** The averaged state broadcast at the start of an averaging round. */
public record RoundState(int round, int iteration, NetworkState generator, NetworkState discriminator)
        implements Serializable {
}
