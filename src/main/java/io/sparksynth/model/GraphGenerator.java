package io.sparksynth.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator built as a DL4J {@link ComputationGraph}: the convolutional one, which draws an image
 * column with upsampling and convolutions and the other columns with dense heads
 * ({@link GanNetworks#convGenerator}), or the residual dense one ({@link GanNetworks#residualGenerator}).
 * Its single output vertex, {@link GanNetworks#OUTPUT}, is the encoded row in the transform's block order.
 */
public final class GraphGenerator implements GeneratorNetwork {
    private final ComputationGraph graph;
    private final int inputs;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

    public GraphGenerator(ComputationGraph graph, int inputs) {
        this.graph = graph;
        this.inputs = inputs;
    }

    @Override
    public float[] forward(float[] input, int rows, boolean train) {
        INDArray in = Floats.matrix(input, rows, inputs);
        if (!train) {
            INDArray out = graph.outputSingle(false, in);
            float[] raw = Floats.of(out);
            Floats.release(in, out);
            return raw;
        }
        INDArray out = graph.feedForward(new INDArray[]{in}, true, false).get(GanNetworks.OUTPUT);
        return Floats.of(out);
    }

    @Override
    public void useInferenceWorkspaces() {
        graph.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    @Override
    public Gradient backward(float[] gradRaw, int rows) {
        return graph.backpropGradient(Floats.matrix(gradRaw, rows, gradRaw.length / rows));
    }

    @Override
    public void update(Gradient gradient, int iteration, int batch) {
        graph.getUpdater().update(gradient, iteration, 0, batch, mgr);
        graph.params().subi(gradient.gradient());
    }

    @Override
    public INDArray updaterState() {
        return graph.getUpdater().getStateViewArray();
    }

    @Override
    public void setUpdaterState(INDArray state) {
        graph.getUpdater().setStateViewArray(state);
    }

    @Override
    public Model model() {
        return graph;
    }
}
