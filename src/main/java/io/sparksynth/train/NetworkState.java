package io.sparksynth.train;

import io.sparksynth.model.Floats;
import io.sparksynth.model.GeneratorNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;

/**
 * A network's parameters and optimiser (Adam) state as plain arrays: what parameter averaging
 * ships between the driver and the workers. Averaging the updater state with the parameters
 * is what DL4J's ParameterAveragingTrainingMaster does too; without it every round would
 * restart Adam's moment estimates.
 */
public record NetworkState(float[] params, float[] updater) implements Serializable {

    public static NetworkState of(GeneratorNetwork net) {
        return new NetworkState(Floats.of(net.params()), Floats.of(net.updaterState()));
    }

    public void applyTo(GeneratorNetwork net) {
        net.setParams(Floats.matrix(params, 1, params.length));
        net.setUpdaterState(Floats.matrix(updater, 1, updater.length));
    }

    public static NetworkState of(MultiLayerNetwork net) {
        return new NetworkState(Floats.of(net.params()),
                Floats.of(net.getUpdater().getStateViewArray()));
    }

    public void applyTo(MultiLayerNetwork net) {
        net.setParams(Floats.matrix(params, 1, params.length));
        net.getUpdater().setStateViewArray(net, Floats.matrix(updater, 1, updater.length), false);
    }

    /** The element-wise mean, summed in the given order so that the result is reproducible. */
    public static NetworkState average(java.util.List<NetworkState> states) {
        return new NetworkState(mean(states, true), mean(states, false));
    }

    private static float[] mean(java.util.List<NetworkState> states, boolean params) {
        int n = (params ? states.get(0).params : states.get(0).updater).length;
        double[] sum = new double[n];
        for (NetworkState s : states) {
            float[] a = params ? s.params : s.updater;
            for (int i = 0; i < n; i++) {
                sum[i] += a[i];
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (sum[i] / states.size());
        }
        return out;
    }
}
