package io.sparksynth.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.sparksynth.config.SynthConfig;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The params that {@link GanSynthesizer} and the {@link GanSynthesizerModel}s it fits share, as
 * MLlib's estimators and models share a params trait: the model carries the values it was fitted
 * with. Every param but {@code conf} and {@code overrides} stands for one config key (the table
 * below), so params and config files are two spellings of the same settings.
 */
public interface GanSynthesizerParams extends Params {

    /** The param objects of one instance, created with it as their parent. */
    Declared declared();

    /** A param and the config key it stands for, with how to read its value from a config. */
    record Binding<T>(Param<T> param, String key, Function<Config, T> read, Function<T, Object> hocon)
            implements Serializable {
        String override(T value) {
            return key + "=" + ConfigValueFactory.fromAnyRef(hocon.apply(value)).render(ConfigRenderOptions.concise());
        }
    }

    /** The params, each with its doc; created per instance because a param records its parent's uid. */
    final class Declared implements Serializable {
        private static final long serialVersionUID = 1L;
        final Param<String> conf;
        final StringArrayParam overrides;
        final LongParam seed;
        final IntParam epochs;
        final IntParam batchSize;
        final IntParam workers;
        final IntParam averagingFrequency;
        final IntParam noiseDim;
        final IntArrayParam generatorLayers;
        final IntArrayParam discriminatorLayers;
        final DoubleParam generatorLearningRate;
        final DoubleParam discriminatorLearningRate;
        final IntParam pac;
        final BooleanParam conditional;
        final Param<String> loss;
        final Param<String> continuousNormalization;
        final StringArrayParam categoricalColumns;
        final BooleanParam trimStrings;
        final StringArrayParam missingMarkers;
        final List<Binding<?>> bindings = new ArrayList<>();

        Declared(Params owner) {
            conf = new Param<>(owner, "conf", "HOCON config file read first (empty = defaults)");
            overrides = new StringArrayParam(owner, "overrides", "config overrides key=value, applied after conf");
            seed = bind(new LongParam(owner, "seed", "seed of the networks, training order and sampling"),
                    "seed", c -> c.getLong("seed"));
            epochs = bind(new IntParam(owner, "epochs", "training epochs (0 = auto, from the table's size)",
                    ParamValidators.gtEq(0)),
                    "train.epochs", c -> c.getInt("train.epochs"));
            batchSize = bind(new IntParam(owner, "batchSize",
                    "rows per minibatch on each worker (0 = auto, from the table's size)", ParamValidators.gtEq(0)),
                    "train.batch-size", c -> c.getInt("train.batch-size"));
            workers = bind(new IntParam(owner, "workers", "partitions training in parallel (0 = default parallelism)",
                    ParamValidators.gtEq(0)), "train.workers", c -> c.getInt("train.workers"));
            averagingFrequency = bind(new IntParam(owner, "averagingFrequency",
                    "local minibatches between parameter averages", ParamValidators.gtEq(1)),
                    "train.averaging-frequency", c -> c.getInt("train.averaging-frequency"));
            noiseDim = bind(new IntParam(owner, "noiseDim", "generator noise size", ParamValidators.gtEq(1)),
                    "gan.noise-dim", c -> c.getInt("gan.noise-dim"));
            generatorLayers = bindInts(new IntArrayParam(owner, "generatorLayers", "generator dense layer widths"),
                    "gan.generator-layers");
            discriminatorLayers = bindInts(new IntArrayParam(owner, "discriminatorLayers",
                    "discriminator dense layer widths"), "gan.discriminator-layers");
            generatorLearningRate = bind(new DoubleParam(owner, "generatorLearningRate",
                    "generator Adam learning rate", ParamValidators.gt(0)), "gan.generator-learning-rate",
                    c -> c.getDouble("gan.generator-learning-rate"));
            discriminatorLearningRate = bind(new DoubleParam(owner, "discriminatorLearningRate",
                    "discriminator Adam learning rate", ParamValidators.gt(0)), "gan.discriminator-learning-rate",
                    c -> c.getDouble("gan.discriminator-learning-rate"));
            pac = bind(new IntParam(owner, "pac", "rows per discriminator input (PacGAN); 0 = auto",
                    ParamValidators.gtEq(0)),
                    "gan.pac", c -> c.getInt("gan.pac"));
            conditional = bind(new BooleanParam(owner, "conditional", "conditional vector and training-by-sampling"),
                    "gan.conditional", c -> c.getBoolean("gan.conditional"));
            loss = bind(new Param<>(owner, "loss", "auto (a Wasserstein critic for dense networks, bce for conv), "
                    + "bce (the minimax loss) or wasserstein (WGAN-GP)",
                    ParamValidators.inArray(new String[] {"auto", "bce", "wasserstein"})), "gan.loss",
                    c -> c.getString("gan.loss"));
            continuousNormalization = bind(new Param<>(owner, "continuousNormalization",
                    "quantile, minmax, standard or mode-specific"), "transform.continuous",
                    c -> c.getString("transform.continuous"));
            categoricalColumns = bindStrings(new StringArrayParam(owner, "categoricalColumns",
                    "columns forced to be categorical"), "schema.categorical");
            trimStrings = bind(new BooleanParam(owner, "trimStrings", "trim string values before learning"),
                    "clean.trim-strings", c -> c.getBoolean("clean.trim-strings"));
            missingMarkers = bindStrings(new StringArrayParam(owner, "missingMarkers", "string values read as null"),
                    "clean.missing-markers");
        }

        private <T> Param<T> bindAny(Param<T> p, String key, Function<Config, T> read, Function<T, Object> hocon) {
            bindings.add(new Binding<>(p, key, read, hocon));
            return p;
        }

        private <T, P extends Param<T>> P bind(P p, String key, Function<Config, T> read) {
            bindAny(p, key, read, v -> v);
            return p;
        }

        private IntArrayParam bindInts(IntArrayParam p, String key) {
            bindAny(p, key, c -> c.getIntList(key).stream().mapToInt(Integer::intValue).toArray(),
                    v -> Arrays.stream(v).boxed().toList());
            return p;
        }

        private StringArrayParam bindStrings(StringArrayParam p, String key) {
            bindAny(p, key, c -> c.getStringList(key).toArray(new String[0]), Arrays::asList);
            return p;
        }
    }

    // --- params (Spark ML discovers them through these public no-argument methods)
    default Param<String> conf() { return declared().conf; }
    default StringArrayParam overrides() { return declared().overrides; }
    default LongParam seed() { return declared().seed; }
    default IntParam epochs() { return declared().epochs; }
    default IntParam batchSize() { return declared().batchSize; }
    default IntParam workers() { return declared().workers; }
    default IntParam averagingFrequency() { return declared().averagingFrequency; }
    default IntParam noiseDim() { return declared().noiseDim; }
    default IntArrayParam generatorLayers() { return declared().generatorLayers; }
    default IntArrayParam discriminatorLayers() { return declared().discriminatorLayers; }
    default DoubleParam generatorLearningRate() { return declared().generatorLearningRate; }
    default DoubleParam discriminatorLearningRate() { return declared().discriminatorLearningRate; }
    default IntParam pac() { return declared().pac; }
    default BooleanParam conditional() { return declared().conditional; }
    default Param<String> loss() { return declared().loss; }
    default Param<String> continuousNormalization() { return declared().continuousNormalization; }
    default StringArrayParam categoricalColumns() { return declared().categoricalColumns; }
    default BooleanParam trimStrings() { return declared().trimStrings; }
    default StringArrayParam missingMarkers() { return declared().missingMarkers; }

    // --- getters
    default String getConf() { return getOrDefault(conf()); }
    default long getSeed() { return (Long) getOrDefault(seed()); }
    default int getEpochs() { return (Integer) getOrDefault(epochs()); }

    /** Sets every bound param's default from {@code cfg}, and the two unbound ones to "none". */
    default void setDefaultsFrom(SynthConfig cfg) {
        Config c = ConfigFactory.parseString(cfg.render());
        setDefault(conf(), "");
        setDefault(overrides(), new String[0]);
        declared().bindings.forEach(b -> defaultFrom(b, c));
    }

    /** Sets every bound param to its value in {@code cfg} (a model read back from its config). */
    default void setFrom(SynthConfig cfg) {
        Config c = ConfigFactory.parseString(cfg.render());
        declared().bindings.forEach(b -> setFrom(b, c));
    }

    private <T> void defaultFrom(Binding<T> b, Config c) {
        setDefault(b.param(), b.read().apply(c));
    }

    private <T> void setFrom(Binding<T> b, Config c) {
        set(b.param(), b.read().apply(c));
    }

    private <T> String overrideOf(Binding<T> b) {
        return b.override(getOrDefault(b.param()));
    }

    /**
     * The effective configuration: the conf file (or defaults), then the params set explicitly,
     * then {@code overrides}. Params left at their default do not override the file.
     */
    default SynthConfig config() {
        String file = getOrDefault(conf());
        List<String> o = new ArrayList<>();
        for (Binding<?> b : declared().bindings) {
            if (isSet(b.param())) {
                o.add(overrideOf(b));
            }
        }
        o.addAll(Arrays.asList(getOrDefault(overrides())));
        return SynthConfig.load(file.isEmpty() ? null : file, o);
    }
}
