package io.sparksynth.api;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.train.ModelTrainer;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The synthesizer as a Spark ML {@code Estimator}: typed params with defaults and docs, fluent
 * setters, {@code fit(Dataset)} returning a {@link GanSynthesizerModel} that samples synthetic
 * rows and saves to the same model directory the CLI writes. Every param maps to a config key
 * (see the README); {@code conf} and {@code overrides} reach every other key.
 * <pre>
 *   GanSynthesizerModel m = new GanSynthesizer().setEpochs(100).setSeed(7).fit(real);
 *   Dataset&lt;Row&gt; synthetic = m.sample(1_000_000, 7);
 *   m.write().overwrite().save("/models/adult");
 * </pre>
 */
public class GanSynthesizer extends Estimator<GanSynthesizerModel> {
    private static final long serialVersionUID = 1L;
    private static final SynthConfig DEFAULTS = SynthConfig.defaults();

    private final String uid;
    private final Param<String> conf;
    private final StringArrayParam overrides;
    private final LongParam seed;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final IntParam workers;
    private final IntParam averagingFrequency;
    private final IntParam noiseDim;
    private final IntArrayParam generatorLayers;
    private final IntArrayParam discriminatorLayers;
    private final DoubleParam generatorLearningRate;
    private final DoubleParam discriminatorLearningRate;
    private final IntParam pac;
    private final BooleanParam conditional;
    private final Param<String> continuousNormalization;
    private final StringArrayParam categoricalColumns;
    private final BooleanParam trimStrings;
    private final StringArrayParam missingMarkers;

    public GanSynthesizer() {
        this(Identifiable$.MODULE$.randomUID("ganSynthesizer"));
    }

    public GanSynthesizer(String uid) {
        this.uid = uid; // before the params: each records its parent's uid
        conf = new Param<>(this, "conf", "HOCON config file read first (empty = defaults)");
        overrides = new StringArrayParam(this, "overrides", "config overrides key=value, applied after conf");
        seed = new LongParam(this, "seed", "seed of the networks, training order and sampling");
        epochs = new IntParam(this, "epochs", "training epochs", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "rows per minibatch on each worker", ParamValidators.gtEq(2));
        workers = new IntParam(this, "workers", "partitions training in parallel (0 = default parallelism)",
                ParamValidators.gtEq(0));
        averagingFrequency = new IntParam(this, "averagingFrequency", "local minibatches between parameter averages",
                ParamValidators.gtEq(1));
        noiseDim = new IntParam(this, "noiseDim", "generator noise size", ParamValidators.gtEq(1));
        generatorLayers = new IntArrayParam(this, "generatorLayers", "generator dense layer widths");
        discriminatorLayers = new IntArrayParam(this, "discriminatorLayers", "discriminator dense layer widths");
        generatorLearningRate = new DoubleParam(this, "generatorLearningRate", "generator Adam learning rate",
                ParamValidators.gt(0));
        discriminatorLearningRate = new DoubleParam(this, "discriminatorLearningRate",
                "discriminator Adam learning rate", ParamValidators.gt(0));
        pac = new IntParam(this, "pac", "rows per discriminator input (PacGAN)", ParamValidators.gtEq(1));
        conditional = new BooleanParam(this, "conditional", "conditional vector and training-by-sampling");
        continuousNormalization = new Param<>(this, "continuousNormalization",
                "quantile, minmax, standard or mode-specific");
        categoricalColumns = new StringArrayParam(this, "categoricalColumns", "columns forced to be categorical");
        trimStrings = new BooleanParam(this, "trimStrings", "trim string values before learning");
        missingMarkers = new StringArrayParam(this, "missingMarkers", "string values read as null");

        setDefault(conf, "");
        setDefault(overrides, new String[0]);
        setDefault(seed, DEFAULTS.seed);
        setDefault(epochs, DEFAULTS.train.epochs());
        setDefault(batchSize, DEFAULTS.train.batchSize());
        setDefault(workers, DEFAULTS.train.workers());
        setDefault(averagingFrequency, DEFAULTS.train.averagingFrequency());
        setDefault(noiseDim, DEFAULTS.gan.noiseDim());
        setDefault(generatorLayers, ints(DEFAULTS.gan.generatorLayers()));
        setDefault(discriminatorLayers, ints(DEFAULTS.gan.discriminatorLayers()));
        setDefault(generatorLearningRate, DEFAULTS.gan.generatorLearningRate());
        setDefault(discriminatorLearningRate, DEFAULTS.gan.discriminatorLearningRate());
        setDefault(pac, DEFAULTS.gan.pac());
        setDefault(conditional, DEFAULTS.gan.conditional());
        setDefault(continuousNormalization, DEFAULTS.transform.continuous().name().toLowerCase().replace('_', '-'));
        setDefault(categoricalColumns, new String[0]);
        setDefault(trimStrings, DEFAULTS.clean.trimStrings());
        setDefault(missingMarkers, new String[0]);
    }

    @Override
    public String uid() {
        return uid;
    }

    // --- params (Spark ML discovers them through these public no-argument methods)
    public Param<String> conf() { return conf; }
    public StringArrayParam overrides() { return overrides; }
    public LongParam seed() { return seed; }
    public IntParam epochs() { return epochs; }
    public IntParam batchSize() { return batchSize; }
    public IntParam workers() { return workers; }
    public IntParam averagingFrequency() { return averagingFrequency; }
    public IntParam noiseDim() { return noiseDim; }
    public IntArrayParam generatorLayers() { return generatorLayers; }
    public IntArrayParam discriminatorLayers() { return discriminatorLayers; }
    public DoubleParam generatorLearningRate() { return generatorLearningRate; }
    public DoubleParam discriminatorLearningRate() { return discriminatorLearningRate; }
    public IntParam pac() { return pac; }
    public BooleanParam conditional() { return conditional; }
    public Param<String> continuousNormalization() { return continuousNormalization; }
    public StringArrayParam categoricalColumns() { return categoricalColumns; }
    public BooleanParam trimStrings() { return trimStrings; }
    public StringArrayParam missingMarkers() { return missingMarkers; }

    // --- fluent setters
    public GanSynthesizer setConf(String v) { set(conf, v); return this; }
    public GanSynthesizer setOverrides(String... v) { set(overrides, v); return this; }
    public GanSynthesizer setSeed(long v) { set(seed, v); return this; }
    public GanSynthesizer setEpochs(int v) { set(epochs, v); return this; }
    public GanSynthesizer setBatchSize(int v) { set(batchSize, v); return this; }
    public GanSynthesizer setWorkers(int v) { set(workers, v); return this; }
    public GanSynthesizer setAveragingFrequency(int v) { set(averagingFrequency, v); return this; }
    public GanSynthesizer setNoiseDim(int v) { set(noiseDim, v); return this; }
    public GanSynthesizer setGeneratorLayers(int... v) { set(generatorLayers, v); return this; }
    public GanSynthesizer setDiscriminatorLayers(int... v) { set(discriminatorLayers, v); return this; }
    public GanSynthesizer setGeneratorLearningRate(double v) { set(generatorLearningRate, v); return this; }
    public GanSynthesizer setDiscriminatorLearningRate(double v) { set(discriminatorLearningRate, v); return this; }
    public GanSynthesizer setPac(int v) { set(pac, v); return this; }
    public GanSynthesizer setConditional(boolean v) { set(conditional, v); return this; }
    public GanSynthesizer setContinuousNormalization(String v) { set(continuousNormalization, v); return this; }
    public GanSynthesizer setCategoricalColumns(String... v) { set(categoricalColumns, v); return this; }
    public GanSynthesizer setTrimStrings(boolean v) { set(trimStrings, v); return this; }
    public GanSynthesizer setMissingMarkers(String... v) { set(missingMarkers, v); return this; }

    /**
     * The effective configuration: the conf file (or defaults), then the params set explicitly on
     * this estimator, then {@code overrides}. Params left at their default do not override the file.
     */
    public SynthConfig config() {
        String file = $(conf);
        List<String> o = new ArrayList<>();
        if (isSet(seed)) o.add("seed=" + $(seed));
        if (isSet(epochs)) o.add("train.epochs=" + $(epochs));
        if (isSet(batchSize)) o.add("train.batch-size=" + $(batchSize));
        if (isSet(workers)) o.add("train.workers=" + $(workers));
        if (isSet(averagingFrequency)) o.add("train.averaging-frequency=" + $(averagingFrequency));
        if (isSet(noiseDim)) o.add("gan.noise-dim=" + $(noiseDim));
        if (isSet(generatorLayers)) o.add("gan.generator-layers=" + Arrays.toString($(generatorLayers)));
        if (isSet(discriminatorLayers)) o.add("gan.discriminator-layers=" + Arrays.toString($(discriminatorLayers)));
        if (isSet(generatorLearningRate)) o.add("gan.generator-learning-rate=" + $(generatorLearningRate));
        if (isSet(discriminatorLearningRate)) o.add("gan.discriminator-learning-rate=" + $(discriminatorLearningRate));
        if (isSet(pac)) o.add("gan.pac=" + $(pac));
        if (isSet(conditional)) o.add("gan.conditional=" + $(conditional));
        if (isSet(continuousNormalization)) o.add("transform.continuous=\"" + $(continuousNormalization) + "\"");
        if (isSet(categoricalColumns)) o.add("schema.categorical=" + quoted($(categoricalColumns)));
        if (isSet(trimStrings)) o.add("clean.trim-strings=" + $(trimStrings));
        if (isSet(missingMarkers)) o.add("clean.missing-markers=" + quoted($(missingMarkers)));
        o.addAll(Arrays.asList($(overrides)));
        return SynthConfig.load(file.isEmpty() ? null : file, o);
    }

    @Override
    public GanSynthesizerModel fit(Dataset<?> dataset) {
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) dataset;
        GanModel model = ModelTrainer.fit(rows.sparkSession(), rows, config(), "dataset (Spark ML fit)",
                Progress.console());
        GanSynthesizerModel m = new GanSynthesizerModel(uid, model);
        m.setParent(this);
        return m;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return schema;
    }

    @Override
    public GanSynthesizer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String quoted(String[] values) {
        return Arrays.stream(values).map(v -> "\"" + v.replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
