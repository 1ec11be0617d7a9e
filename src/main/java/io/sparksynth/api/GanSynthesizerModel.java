package io.sparksynth.api;

import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.model.GanModel;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReadable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted synthesizer: {@link #sample(long, long)} generates rows in the real schema, lazily and
 * in parallel (the same seed gives the same rows whatever the partitioning); {@code write().save}
 * and {@link #load(String)} use the CLI's model directory, so a model trained in a notebook can be
 * used by {@code sparksynth generate} and the other way round.
 */
public class GanSynthesizerModel extends Model<GanSynthesizerModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final transient GanModel model;

    GanSynthesizerModel(String uid, GanModel model) {
        this.uid = uid;
        this.model = model;
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The underlying model: transform, networks, training history, provenance. */
    public GanModel model() {
        return model;
    }

    /** {@code n} synthetic rows in as many partitions as Spark's default parallelism. */
    public Dataset<Row> sample(long n, long seed) {
        SparkSession spark = SparkSession.active();
        return sample(n, seed, spark.sparkContext().defaultParallelism());
    }

    public Dataset<Row> sample(long n, long seed, int partitions) {
        return SyntheticGenerator.generate(SparkSession.active(), model, n, partitions, seed);
    }

    /** As many synthetic rows as the dataset has (a generator ignores the input rows themselves). */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        return sample(dataset.count(), model.config().seed);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return model.transform().schema();
    }

    @Override
    public GanSynthesizerModel copy(ParamMap extra) {
        return copyValues(new GanSynthesizerModel(uid, model), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                model.save(SparkSession.active().sparkContext().hadoopConfiguration(), path);
            }
        };
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
                GanModel m = GanModel.load(SparkSession.active().sparkContext().hadoopConfiguration(), path);
                return new GanSynthesizerModel("ganSynthesizer_" + Integer.toHexString(path.hashCode()), m);
            }
        };
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
