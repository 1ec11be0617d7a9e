package io.sparksynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MNIST through the command line with the shipped conf/mnist.conf (tiny networks, two epochs, 400
 * digits): the pixels train as one vector column, generate as float arrays of length 784 in [0, 1]
 * with real labels, and evaluate to a compact vector summary whose figures Spark recomputes here.
 */
class MnistTest {

    @Test
    void trainGenerateAndEvaluateAnMnistSlice(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        String slice = dir.resolve("slice").toString();
        spark.read().parquet("data/mnist_10k.parquet").limit(400).coalesce(1).write().parquet(slice);
        Dataset<Row> real = spark.read().parquet(slice);
        String model = dir.resolve("model").toString();
        List<String> train = new ArrayList<>(List.of("train", "--conf", "conf/mnist.conf", "--input", slice,
                "--model", model));
        train.addAll(TestSpark.quickArgs());
        assertEquals(0, SparkSynth.run(train.toArray(new String[0])));

        ObjectMapper json = new ObjectMapper();
        JsonNode pixels = json.readTree(Path.of(model, "model.json").toFile()).at("/columns/1");
        assertEquals("pixels", pixels.at("/name").asText());
        assertEquals("vector", pixels.at("/kind").asText());
        assertEquals("array<float>", pixels.at("/type").asText());
        assertEquals(784, pixels.at("/length").asInt());
        assertEquals("[28,28]", pixels.at("/shape").toString());
        assertTrue(json.readTree(Path.of(model, "model.json").toFile()).at("/columns/0/length").isMissingNode(),
                "scalar columns have no length");

        String synthetic = dir.resolve("synthetic").toString();
        assertEquals(0, SparkSynth.run("generate", "--model", model, "--rows", "300", "--output", synthetic));
        Dataset<Row> synth = spark.read().parquet(synthetic);
        assertEquals(real.schema().apply("pixels").dataType(), synth.schema().apply("pixels").dataType());
        assertEquals(DataTypes.FloatType, ((ArrayType) synth.schema().apply("pixels").dataType()).elementType());
        Row s = synth.agg(count("pixels"), min(size(col("pixels"))), max(size(col("pixels"))),
                min(array_min(col("pixels"))), max(array_max(col("pixels")))).first();
        assertEquals(300, s.getLong(0), "no null images: the real ones have none");
        assertEquals(784, s.getInt(1));
        assertEquals(784, s.getInt(2));
        assertTrue(s.getFloat(3) >= 0f && s.getFloat(4) <= 1f, "pixels in [0, 1]: " + s);
        Set<Integer> labels = new HashSet<>(real.select("label").distinct().as(org.apache.spark.sql.Encoders.INT())
                .collectAsList());
        assertTrue(labels.containsAll(synth.select("label").distinct().as(org.apache.spark.sql.Encoders.INT())
                .collectAsList()), "labels from the real set");

        String report = dir.resolve("report").toString();
        // no ML-efficacy target: its forests would double the test's time; the learned metrics' vector
        // features are exercised by detection
        assertEquals(0, SparkSynth.run("evaluate", "--real", slice, "--synthetic", synthetic, "--report", report,
                "--model", model, "--set", "evaluate.target=\"\""));
        JsonNode m = json.readTree(Path.of(report, "metrics.json").toFile());
        JsonNode v = m.at("/columns/pixels");
        assertEquals("vector", v.at("/kind").asText());
        assertEquals(784, v.at("/length").asInt());
        assertEquals("[28,28]", v.at("/image_shape").toString());
        // pooled over all elements, as Spark computes them on the exploded pixels
        Row pooled = real.select(posexplode(col("pixels"))).agg(avg("col"), stddev_samp("col"), min("col"),
                max("col")).first();
        assertEquals(400, v.at("/real/count").asLong());
        assertEquals(pooled.getDouble(0), v.at("/real/mean").asDouble(), 1e-9);
        assertEquals(pooled.getDouble(1), v.at("/real/std").asDouble(), 1e-9);
        assertEquals(pooled.getFloat(2), v.at("/real/min").asDouble(), 0);
        assertEquals(pooled.getFloat(3), v.at("/real/max").asDouble(), 0);
        // the mean over positions of |mean_real - mean_synthetic|
        Dataset<Row> realMeans = real.select(posexplode(col("pixels"))).groupBy("pos").agg(avg("col").as("r"));
        Dataset<Row> synthMeans = synth.select(posexplode(col("pixels"))).groupBy("pos").agg(avg("col").as("s"));
        double mad = realMeans.join(synthMeans, "pos").agg(avg(abs(col("r").minus(col("s"))))).first().getDouble(0);
        assertEquals(mad, v.at("/element_mean_mad").asDouble(), 1e-9);
        double ks = v.at("/ks").asDouble();
        assertTrue(ks > 0 && ks <= 1, "pooled KS " + ks);
        assertEquals(1 - ks, v.at("/shape").asDouble(), 1e-12);
        assertEquals((1 - ks + m.at("/columns/label/shape").asDouble()) / 2, m.at("/column_shapes").asDouble(), 1e-12,
                "the vector counts as one column of the shapes");
        m.at("/column_pairs").fieldNames().forEachRemaining(p -> assertFalse(p.contains("pixels"), p));
        assertFalse(m.at("/correlation/columns").toString().contains("pixels"));
        for (String key : List.of("/detection_auc", "/detection/logistic_auc", "/privacy/exact_match_rate",
                "/privacy/dcr_synth_p5")) {
            assertTrue(m.at(key).isNumber(), key + " in " + m);
        }
        assertFalse(m.at("/estimation/vectors").asText().isEmpty());
        String describe = Files.readString(Path.of(report, "describe.txt"));
        assertTrue(describe.contains("pixels") && describe.contains("28x28"), describe);
        String html = Files.readString(Path.of(report, "report.html"));
        assertTrue(html.contains("<td>pixels</td><td>vector</td>"), "the per-column table lists the vector");
    }
}
