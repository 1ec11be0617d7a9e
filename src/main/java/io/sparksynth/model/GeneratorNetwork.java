package io.sparksynth.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The generator as training, parameter averaging and generation see it: rows of noise and
 * condition in, raw encoded rows out (before {@link OutputActivation}). Two shapes implement it:
 * {@link DenseGenerator}, the papers' dense network, and {@link GraphGenerator}: CTGAN's residual
 * dense blocks, or an image column drawn with convolutions beside dense heads for the other
 * columns. Row-major float arrays throughout, as in {@link GanStep}.
 */
public interface GeneratorNetwork {

    /** Raw outputs for {@code rows} input rows; in training mode the layer inputs are kept for {@link #backward}. */
    float[] forward(float[] input, int rows, boolean train);

    /**
     * Lets inference forward passes keep their layers' activations in a workspace reused from call
     * to call. Networks are built without workspaces because training reads layer inputs across
     * calls; a generator that only generates does not. Without it every block allocated fresh
     * off-heap buffers that only the garbage collector freed, and up to half of the forward pass's
     * time went to the kernel's page faults (17 s of 40 s in one bench run).
     */
    void useInferenceWorkspaces();

    /** Parameter gradient of the last training forward pass, given d loss / d raw output ([rows x width]). */
    Gradient backward(float[] gradRaw, int rows);

    /** One optimiser (Adam) step with a gradient from {@link #backward}. */
    void update(Gradient gradient, int iteration, int batch);

    /** All parameters as one row vector (a view: writing it changes the network). */
    default INDArray params() {
        return model().params();
    }

    default void setParams(INDArray params) {
        model().setParams(params);
    }

    /** The optimiser's state as one row vector. */
    INDArray updaterState();

    void setUpdaterState(INDArray state);

    /** The DL4J network, for serialisation. */
    Model model();
}
