package io.sparksynth.config;

import java.io.Serializable;
import java.util.List;

/**
 * Network shapes and optimiser settings of the GAN.
 *
 * @param architecture         "dense" (the papers' dense networks on the encoded row) or "conv" (an image
 *                             column is drawn by transposed-convolution-style upsampling and judged by
 *                             convolutions; the other columns stay dense)
 * @param generatorFilters     conv: channels of the generator's convolutions, from the smallest image up
 * @param discriminatorFilters conv: channels of the discriminator's strided convolutions
 * @param r1Penalty            weight gamma of the R1 gradient penalty on real rows (0 = off)
 * @param r1Every              the penalty is applied every this many discriminator steps, weighted as many times
 * @param residualGenerator    dense generator: each hidden layer batch-normalised and concatenated with its input
 *                             (CTGAN's residual blocks) instead of a plain chain of dense layers
 * @param loss                 "bce" (the paper's minimax loss, a sigmoid discriminator), "wasserstein" (a
 *                             linear critic kept 1-Lipschitz by a gradient penalty: WGAN-GP, CTGAN's loss) or
 *                             "auto" (wasserstein for the dense networks, bce for conv)
 * @param gradientPenalty      wasserstein: weight lambda of the gradient penalty on rows between real and
 *                             generated ones
 */
public record GanOptions(int noiseDim, List<Integer> generatorLayers, List<Integer> discriminatorLayers,
                         boolean leakyDiscriminator, double discriminatorDropout, double generatorLearningRate,
                         double discriminatorLearningRate, double adamBeta1, double adamBeta2,
                         int discriminatorSteps, double labelSmoothing, int pac, boolean conditional,
                         double gumbelTau, String architecture, List<Integer> generatorFilters,
                         List<Integer> discriminatorFilters, double r1Penalty, int r1Every,
                         boolean residualGenerator, String loss, double gradientPenalty) implements Serializable {
    public static final String DENSE = "dense";
    public static final String BCE = "bce";
    public static final String WASSERSTEIN = "wasserstein";
    public static final String AUTO = "auto";
    public static final String CONV = "conv";
    /** gan.pac = 0: rows per discriminator input unless the rows are wide. */
    public static final int AUTO_PAC = 5;
    /** gan.pac = 0: the most packed inputs per unit of the first discriminator layer. */
    public static final int PACKED_INPUTS_PER_UNIT = 4;

    static GanOptions from(Section c) {
        String act = c.getString("discriminator-activation");
        SynthConfig.check(act.equals("relu") || act.equals("leakyrelu"), "gan.discriminator-activation",
                "must be \"relu\" or \"leakyrelu\", not \"" + act + "\"");
        GanOptions g = new GanOptions(c.getInt("noise-dim"), List.copyOf(c.getIntList("generator-layers")),
                List.copyOf(c.getIntList("discriminator-layers")), act.equals("leakyrelu"),
                c.getDouble("discriminator-dropout"), c.getDouble("generator-learning-rate"),
                c.getDouble("discriminator-learning-rate"), c.getDouble("adam-beta1"), c.getDouble("adam-beta2"),
                c.getInt("discriminator-steps"), c.getDouble("label-smoothing"), c.getInt("pac"),
                c.getBoolean("conditional"), c.getDouble("gumbel-tau"), c.getString("architecture"),
                List.copyOf(c.getIntList("generator-filters")), List.copyOf(c.getIntList("discriminator-filters")),
                c.getDouble("r1-penalty"), c.getInt("r1-every"), c.getBoolean("generator-residual"),
                c.getString("loss"), c.getDouble("gradient-penalty"));
        SynthConfig.check(g.loss.equals(BCE) || g.loss.equals(WASSERSTEIN) || g.loss.equals(AUTO), "gan.loss",
                "must be \"auto\", \"bce\" or \"wasserstein\", not \"" + g.loss + "\"");
        SynthConfig.check(g.gradientPenalty > 0, "gan.gradient-penalty", "must be positive");
        SynthConfig.check(g.r1Penalty >= 0, "gan.r1-penalty", "must be 0 (off) or positive");
        SynthConfig.check(g.r1Every >= 1, "gan.r1-every", "must be at least 1");
        SynthConfig.check(g.architecture.equals(DENSE) || g.architecture.equals(CONV), "gan.architecture",
                "must be \"dense\" or \"conv\" (convolutions for an image column), not \"" + g.architecture + "\"");
        SynthConfig.check(!g.generatorFilters.isEmpty() && g.generatorFilters.stream().allMatch(w -> w > 0),
                "gan.generator-filters", "must list at least one positive channel count");
        SynthConfig.check(!g.discriminatorFilters.isEmpty() && g.discriminatorFilters.stream().allMatch(w -> w > 0),
                "gan.discriminator-filters", "must list at least one positive channel count");
        SynthConfig.check(g.noiseDim >= 1, "gan.noise-dim", "must be positive");
        SynthConfig.check(!g.generatorLayers.isEmpty() && g.generatorLayers.stream().allMatch(w -> w > 0),
                "gan.generator-layers", "must list at least one positive width");
        SynthConfig.check(!g.discriminatorLayers.isEmpty() && g.discriminatorLayers.stream().allMatch(w -> w > 0),
                "gan.discriminator-layers", "must list at least one positive width");
        SynthConfig.check(g.discriminatorDropout >= 0 && g.discriminatorDropout < 1, "gan.discriminator-dropout",
                "must be in [0, 1)");
        SynthConfig.check(g.discriminatorSteps >= 1, "gan.discriminator-steps", "must be at least 1");
        SynthConfig.check(g.labelSmoothing >= 0 && g.labelSmoothing < 0.5, "gan.label-smoothing", "must be in [0, 0.5)");
        SynthConfig.check(g.pac >= 0, "gan.pac", "must be 0 (auto) or at least 1");
        SynthConfig.check(g.gumbelTau > 0, "gan.gumbel-tau", "must be positive");
        SynthConfig.check(g.generatorLearningRate > 0, "gan.generator-learning-rate", "must be positive");
        SynthConfig.check(g.discriminatorLearningRate > 0, "gan.discriminator-learning-rate", "must be positive");
        // Adam's moment decays: 1 would never forget the first gradient, above 1 diverges
        SynthConfig.check(g.adamBeta1 >= 0 && g.adamBeta1 < 1, "gan.adam-beta1", "must be in [0, 1)");
        SynthConfig.check(g.adamBeta2 >= 0 && g.adamBeta2 < 1, "gan.adam-beta2", "must be in [0, 1)");
        return g;
    }

    /**
     * The rows per discriminator input for rows {@code width} encoded values wide: gan.pac, or with 0
     * {@value #AUTO_PAC}, fewer when the packed input would exceed {@value #PACKED_INPUTS_PER_UNIT} inputs
     * per unit of the first discriminator layer. Packing shows the discriminator several rows at once
     * (PacGAN: a collapsed generator repeats itself within a pack); with wide rows, such as an image, the
     * pack would squeeze thousands of inputs through that layer, and the discriminator stops seeing
     * what is wrong with any one row (MNIST with pac 5: digits a classifier could not tell apart).
     */
    public int pacFor(int width) {
        if (pac > 0) {
            return pac;
        }
        int cap = PACKED_INPUTS_PER_UNIT * discriminatorLayers.get(0);
        return Math.max(1, Math.min(AUTO_PAC, cap / Math.max(1, width)));
    }

    /** Whether training uses the Wasserstein critic: asked for, or "auto" on the dense networks (the gradient
     *  penalty is computed for the dense discriminator only). */
    public boolean wasserstein() {
        return loss.equals(WASSERSTEIN) || (loss.equals(AUTO) && !conv());
    }

    public boolean conv() {
        return architecture.equals(CONV);
    }
}
