package io.sparksynth.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient penalties on the discriminator: {@code gamma / 2} times the mean over rows of
 * {@code (|grad_x D(x)| - c)^2}. With {@code c = 0} on real rows it is R1 (Mescheder, Geiger and Nowozin,
 * 2018), which keeps the discriminator flat on the real data, the remedy for a discriminator that runs
 * away from the generator (losses of 6 and more late in a run); with {@code c = 1} on rows between real
 * and generated ones it is WGAN-GP's (Gulrajani et al., 2017; CTGAN's loss), which keeps a Wasserstein
 * critic 1-Lipschitz.
 *
 * <p>Its gradient with respect to D's parameters is a second derivative, which DL4J's layer API
 * cannot take, so it is written out here for the dense discriminator. With {@code v = grad_x D(x)} held
 * fixed, {@code d/dtheta |v|^2 / 2 = d/dtheta (v . grad_x D(x))}, the derivative of D along {@code v}.
 * For piecewise-linear activations (ReLU, LeakyReLU, identity: their second derivative is zero) that
 * directional derivative is a linear network: the tangent {@code t_0 = v}, {@code t_l = phi'(z_l) (t_{l-1} W_l)},
 * output {@code t_{L-1} W_L}. Its weight gradients are the ordinary backward deltas of D at {@code x}
 * times the tangents instead of the activations, {@code t_{l-1}^T delta_l}; biases get none. The
 * penalty is taken without dropout (on the discriminator's expected function). For {@code c > 0} the
 * chain rule adds a factor {@code (|v| - c) / |v|} per row, applied to that row's tangent.
 */
public final class GradientPenalty {
    private GradientPenalty() {
    }

    /** The penalty and its gradient with respect to D's flattened parameters. */
    public record Result(double penalty, INDArray gradient) {
    }

    /**
     * R1: the penalty towards a zero gradient.
     *
     * @param input real (packed) rows, row-major, {@code rows x cols}
     * @param gamma the penalty weight
     */
    public static Result r1(MultiLayerNetwork d, float[] input, int rows, int cols, double gamma) {
        return compute(d, input, rows, cols, gamma, 0);
    }

    /**
     * WGAN-GP: {@code lambda} times the mean of {@code (|grad_x D(x)| - 1)^2}, i.e. {@code gamma = 2 lambda}.
     *
     * @param input (packed) rows between real and generated ones, row-major, {@code rows x cols}
     */
    public static Result wasserstein(MultiLayerNetwork d, float[] input, int rows, int cols, double lambda) {
        return compute(d, input, rows, cols, 2 * lambda, 1);
    }

    static Result compute(MultiLayerNetwork d, float[] input, int rows, int cols, double gamma, double target) {
        int layers = d.getnLayers();
        List<INDArray> weights = new ArrayList<>();
        List<INDArray> slope = new ArrayList<>(); // phi'(z_l) of the hidden layers
        INDArray a = Floats.matrix(input, rows, cols);
        for (int l = 0; l < layers; l++) {
            Layer layer = d.getLayer(l);
            INDArray w = layer.getParam("W");
            weights.add(w);
            INDArray z = a.mmul(w).addiRowVector(layer.getParam("b"));
            if (l < layers - 1) {
                IActivation phi = ((BaseLayer) layer.conf().getLayer()).getActivationFn();
                slope.add(phi.backprop(z.dup(), Nd4j.onesLike(z)).getFirst());
                a = phi.getActivation(z, false);
            }
        }
        // backward: delta_l = dD/dz_l, the last one 1 per row; v = dD/dx
        INDArray[] delta = new INDArray[layers];
        delta[layers - 1] = Nd4j.ones(d.params().dataType(), rows, 1);
        INDArray v = null;
        for (int l = layers - 1; l >= 0; l--) {
            INDArray back = delta[l].mmul(weights.get(l).transpose());
            if (l > 0) {
                delta[l - 1] = back.muli(slope.get(l - 1));
            } else {
                v = back;
            }
        }
        INDArray norms = v.norm2(1).reshape(rows, 1);
        INDArray gap = target == 0 ? norms : norms.sub(target);
        double penalty = gamma / (2.0 * rows) * gap.mul(gap).sumNumber().doubleValue();
        // tangent forward along v, each row scaled by (|v| - c) / |v|; weight gradients (gamma / rows) t_{l-1}^T delta_l
        INDArray gradient = Nd4j.zeros(d.params().dataType(), 1, d.params().length());
        INDArray t = target == 0 ? v : v.mulColumnVector(gap.div(norms.add(1e-12)));
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            INDArray w = weights.get(l);
            long nIn = w.size(0);
            long nOut = w.size(1);
            // DL4J's dense layout: W (nIn x nOut, column-major) then b, per layer in order
            INDArray gw = t.transpose().mmul(delta[l]).muli(gamma / rows);
            gradient.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + nIn * nOut))
                    .assign(Nd4j.toFlattened('f', gw));
            offset += d.getLayer(l).numParams();
            if (l < layers - 1) {
                t = t.mmul(w).muli(slope.get(l));
            }
        }
        return new Result(penalty, gradient);
    }
}
