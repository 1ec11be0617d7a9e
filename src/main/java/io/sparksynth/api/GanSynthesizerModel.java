package io.sparksynth.api;

import io.sparksynth.SynthException;
import io.sparksynth.generate.ConditionRequest;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Json;
import io.sparksynth.model.GanModel;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReadable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted synthesizer: {@link #sample(long, long)} generates rows in the real schema, lazily and
 * in parallel (the same seed gives the same rows whatever the partitioning); {@code write().save}
 * and {@link #load(String)} use the CLI's model directory, so a model trained in a notebook can be
 * used by {@code sparksynth generate} and the other way round. It carries the params it was fitted
 * with; its uid and params are saved beside the model (spark-ml.json) and restored on load. A
 * model the CLI trained has no such file: it gets a fresh uid and the params of its config.
 */
public class GanSynthesizerModel extends Model<GanSynthesizerModel> implements GanSynthesizerParams, MLWritable {
    private static final long serialVersionUID = 1L;
    /** The Spark ML metadata file in the model directory. */
    static final String METADATA = "spark-ml.json";

    private final String uid;
    private final Declared declared;
    private final transient GanModel model;

    GanSynthesizerModel(String uid, GanModel model) {
        this.uid = uid;
        this.declared = new Declared(this);
        this.model = model;
        setDefaultsFrom(model.config());
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Declared declared() {
        return declared;
    }

    /** The underlying model: transform, networks, training history, provenance. */
    public GanModel model() {
        return model;
    }

    /** {@code n} synthetic rows in as many partitions as Spark's default parallelism. */
    public Dataset<Row> sample(long n, long seed) {
        return sample(n, seed, defaultPartitions());
    }

    public Dataset<Row> sample(long n, long seed, int partitions) {
        return sample(n, seed, partitions, ConditionRequest.NONE);
    }

    /**
     * {@code n} synthetic rows that all hold {@code conditions} (categorical column to value, spelled
     * as in the cleaned real data, e.g. {@code Map.of("income", ">50K")}); the other columns follow
     * the model's rows of that class. An unknown column or value is a {@link SynthException} with
     * exit code 2 naming the known ones, raised here rather than when the rows are computed.
     */
    public Dataset<Row> sample(long n, long seed, Map<String, String> conditions) {
        return sample(n, seed, defaultPartitions(), ConditionRequest.where(conditions));
    }

    /** {@code n} rows spread evenly over the values of the categorical column {@code column}. */
    public Dataset<Row> sampleBalanced(long n, long seed, String column) {
        return sampleBalanced(n, seed, column, Map.of());
    }

    /** As {@link #sampleBalanced(long, long, String)}, every row also holding {@code conditions}. */
    public Dataset<Row> sampleBalanced(long n, long seed, String column, Map<String, String> conditions) {
        return sample(n, seed, defaultPartitions(), ConditionRequest.balance(column, conditions));
    }

    /** The general form: {@code partitions} partitions, any request (the same rows whatever the partitions). */
    public Dataset<Row> sample(long n, long seed, int partitions, ConditionRequest request) {
        return SyntheticGenerator.generate(SparkSession.active(), model, n, partitions, seed, request);
    }

    private static int defaultPartitions() {
        return SparkSession.active().sparkContext().defaultParallelism();
    }

    /**
     * As many synthetic rows as {@code dataset} has, drawn with the {@code seed} param: a generator
     * does not map input rows to output rows, so only the input's row count is used, and the
     * output has the model's (real) schema, not the input's.
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        return sample(dataset.count(), getSeed());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return model.transform().schema();
    }

    @Override
    public GanSynthesizerModel copy(ParamMap extra) {
        return copyValues(new GanSynthesizerModel(uid, model), extra).setParent(parent());
    }

    /** What spark-ml.json holds: the class, the uid and the params set explicitly, JSON-encoded by Spark. */
    record Metadata(String className, String uid, Map<String, String> params) {
    }

    @Override
    public MLWriter write() {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                Map<String, String> params = new LinkedHashMap<>();
                for (ParamPair<?> p : extractParamMap().toList()) {
                    if (isSet(p.param())) {
                        params.put(p.param().name(), encode(p));
                    }
                }
                String meta = Json.write(new Metadata(GanSynthesizerModel.class.getName(), uid, params));
                model.save(SparkSession.active().sparkContext().hadoopConfiguration(), path, Map.of(METADATA, meta));
            }
        };
    }

    private static <T> String encode(ParamPair<T> p) {
        return p.param().jsonEncode(p.value());
    }

    @Override
    public void save(String path) {
        try {
            write().save(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot save the model to " + path, e);
        }
    }

    public static MLReader<GanSynthesizerModel> read() {
        return new MLReader<>() {
            @Override
            public GanSynthesizerModel load(String path) {
                var hadoop = SparkSession.active().sparkContext().hadoopConfiguration();
                GanModel m = GanModel.load(hadoop, path);
                String json = GanModel.readOptional(hadoop, path, METADATA);
                if (json == null) {
                    GanSynthesizerModel cli = new GanSynthesizerModel(
                            Identifiable$.MODULE$.randomUID("ganSynthesizer"), m);
                    cli.setFrom(m.config());
                    return cli;
                }
                Metadata meta = Json.read(json, Metadata.class);
                GanSynthesizerModel loaded = new GanSynthesizerModel(meta.uid(), m);
                for (Map.Entry<String, String> e : meta.params().entrySet()) {
                    if (!loaded.hasParam(e.getKey())) {
                        throw SynthException.input(path + "/" + METADATA + " names param '" + e.getKey()
                                + "', which this version does not have: save the model again with this version");
                    }
                    decodeInto(loaded, loaded.getParam(e.getKey()), e.getValue());
                }
                return loaded;
            }
        };
    }

    private static <T> void decodeInto(GanSynthesizerModel m, Param<T> param, String json) {
        m.set(param, param.jsonDecode(json));
    }

    public static GanSynthesizerModel load(String path) {
        return read().load(path);
    }

    /** Scala-friendly companion access, as MLReadable objects offer. */
    public static MLReadable<GanSynthesizerModel> readable() {
        return new MLReadable<>() {
            @Override
            public MLReader<GanSynthesizerModel> read() {
                return GanSynthesizerModel.read();
            }

            @Override
            public GanSynthesizerModel load(String path) {
                return GanSynthesizerModel.load(path);
            }
        };
    }
}
