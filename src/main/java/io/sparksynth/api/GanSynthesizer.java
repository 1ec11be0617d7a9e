package io.sparksynth.api;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The synthesizer as a Spark ML {@code Estimator}: typed params with defaults and docs, fluent
 * setters, {@code fit(Dataset)} returning a {@link GanSynthesizerModel} that carries the same
 * params, samples synthetic rows and saves to the same model directory the CLI writes. Every
 * param maps to a config key (see {@link GanSynthesizerParams}); {@code conf} and
 * {@code overrides} reach every other key.
 * <pre>
 *   GanSynthesizerModel m = new GanSynthesizer().setEpochs(100).setSeed(7).fit(real);
 *   Dataset&lt;Row&gt; synthetic = m.sample(1_000_000, 7);
 *   m.write().overwrite().save("/models/adult");
 * </pre>
 */
public class GanSynthesizer extends Estimator<GanSynthesizerModel> implements GanSynthesizerParams {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Declared declared;

    public GanSynthesizer() {
        this(Identifiable$.MODULE$.randomUID("ganSynthesizer"));
    }

    public GanSynthesizer(String uid) {
        this.uid = uid; // before the params: each records its parent's uid
        this.declared = new Declared(this);
        setDefaultsFrom(SynthConfig.defaults());
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Declared declared() {
        return declared;
    }

    // --- fluent setters
    public GanSynthesizer setConf(String v) { set(conf(), v); return this; }
    public GanSynthesizer setOverrides(String... v) { set(overrides(), v); return this; }
    public GanSynthesizer setSeed(long v) { set(seed(), v); return this; }
    public GanSynthesizer setEpochs(int v) { set(epochs(), v); return this; }
    public GanSynthesizer setBatchSize(int v) { set(batchSize(), v); return this; }
    public GanSynthesizer setWorkers(int v) { set(workers(), v); return this; }
    public GanSynthesizer setAveragingFrequency(int v) { set(averagingFrequency(), v); return this; }
    public GanSynthesizer setNoiseDim(int v) { set(noiseDim(), v); return this; }
    public GanSynthesizer setGeneratorLayers(int... v) { set(generatorLayers(), v); return this; }
    public GanSynthesizer setDiscriminatorLayers(int... v) { set(discriminatorLayers(), v); return this; }
    public GanSynthesizer setGeneratorLearningRate(double v) { set(generatorLearningRate(), v); return this; }
    public GanSynthesizer setDiscriminatorLearningRate(double v) { set(discriminatorLearningRate(), v); return this; }
    public GanSynthesizer setPac(int v) { set(pac(), v); return this; }
    public GanSynthesizer setConditional(boolean v) { set(conditional(), v); return this; }
    public GanSynthesizer setLoss(String v) { set(loss(), v); return this; }
    public GanSynthesizer setContinuousNormalization(String v) { set(continuousNormalization(), v); return this; }
    public GanSynthesizer setCategoricalColumns(String... v) { set(categoricalColumns(), v); return this; }
    public GanSynthesizer setTrimStrings(boolean v) { set(trimStrings(), v); return this; }
    public GanSynthesizer setMissingMarkers(String... v) { set(missingMarkers(), v); return this; }

    /** Learns from every row of {@code dataset} (split off a holdout first, e.g. with {@code Split.of}). */
    @Override
    public GanSynthesizerModel fit(Dataset<?> dataset) {
        Dataset<Row> rows = dataset.toDF();
        GanModel model = Workflow.fit(rows, config(), "dataset (Spark ML fit)", Progress.console());
        return copyValues(new GanSynthesizerModel(uid, model), ParamMap.empty()).setParent(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return schema;
    }

    @Override
    public GanSynthesizer copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
