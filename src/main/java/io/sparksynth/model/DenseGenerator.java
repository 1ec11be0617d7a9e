package io.sparksynth.model;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** The papers' generator: a chain of dense layers ({@link GanNetworks#generator}). */
public final class DenseGenerator implements GeneratorNetwork {
    private final MultiLayerNetwork net;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

    public DenseGenerator(MultiLayerNetwork net) {
        this.net = net;
    }

    @Override
    public float[] forward(float[] input, int rows, boolean train) {
        INDArray in = Floats.matrix(input, rows, (int) net.layerInputSize(0));
        if (!train) {
            INDArray out = net.output(in, false);
            float[] raw = Floats.of(out);
            Floats.release(in, out);
            return raw;
        }
        net.setInput(in);
        List<INDArray> acts = net.feedForward(true, false);
        return Floats.of(acts.get(acts.size() - 1));
    }

    @Override
    public void useInferenceWorkspaces() {
        net.getLayerWiseConfigurations().setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
    }

    @Override
    public Gradient backward(float[] gradRaw, int rows) {
        return net.backpropGradient(Floats.matrix(gradRaw, rows, gradRaw.length / rows), mgr).getFirst();
    }

    @Override
    public void update(Gradient gradient, int iteration, int batch) {
        net.getUpdater().update(net, gradient, iteration, 0, batch, mgr);
        net.params().subi(gradient.gradient());
    }

    @Override
    public INDArray updaterState() {
        return net.getUpdater().getStateViewArray();
    }

    @Override
    public void setUpdaterState(INDArray state) {
        net.getUpdater().setStateViewArray(net, state, false);
    }

    @Override
    public Model model() {
        return net;
    }

    public MultiLayerNetwork network() {
        return net;
    }
}
