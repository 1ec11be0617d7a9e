package io.sparksynth.model;

import io.sparksynth.SynthException;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.AtomicOutput;
import io.sparksynth.io.Json;
import io.sparksynth.preprocess.TableTransform;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A trained synthesizer: the fitted transform, both networks, the configuration and the training
 * history, with provenance. Its directory is self-contained: {@code generate} needs nothing else.
 * <pre>
 *   model.json        provenance: input, rows, schema, seed, versions, time, network shapes
 *   config.conf       the effective configuration
 *   transform.json    the fitted, invertible preprocessing
 *   generator.zip     DL4J generator (with its Adam state)
 *   discriminator.zip DL4J discriminator (with its Adam state)
 *   history.csv       per epoch: losses (D on real, D on fake, G), seconds, validation score, compute seconds
 *   _SUCCESS
 * </pre>
 */
public final class GanModel {
    private static final String DAMAGED = ". The directory is damaged or from an incompatible version: train it again";
    private final TableTransform transform;
    private final SynthConfig config;
    private final GeneratorNetwork generator;
    private final MultiLayerNetwork discriminator;
    private final List<EpochRecord> history;
    private final ModelProvenance provenance;

    public GanModel(TableTransform transform, SynthConfig config, GeneratorNetwork generator,
                    MultiLayerNetwork discriminator, List<EpochRecord> history, ModelProvenance provenance) {
        this.transform = transform;
        this.config = config;
        this.generator = generator;
        this.discriminator = discriminator;
        this.history = List.copyOf(history);
        this.provenance = provenance;
    }

    public TableTransform transform() {
        return transform;
    }

    public SynthConfig config() {
        return config;
    }

    public GeneratorNetwork generator() {
        return generator;
    }

    public MultiLayerNetwork discriminator() {
        return discriminator;
    }

    public List<EpochRecord> history() {
        return history;
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** Writes the model directory atomically. */
    public void save(Configuration hadoop, String dir) {
        save(hadoop, dir, Map.of());
    }

    /**
     * Writes the model directory atomically, with {@code extraFiles} (name to text) committed in
     * the same step, such as the Spark ML API's param metadata.
     */
    public void save(Configuration hadoop, String dir, Map<String, String> extraFiles) {
        try (AtomicOutput out = AtomicOutput.begin(hadoop, dir)) {
            out.fs().mkdirs(out.temp());
            out.writeText("model.json", Json.write(provenance));
            for (Map.Entry<String, String> f : extraFiles.entrySet()) {
                out.writeText(f.getKey(), f.getValue());
            }
            out.writeText("config.conf", config.render());
            out.writeText("transform.json", transform.toJson());
            StringBuilder csv = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
            history.forEach(r -> csv.append(r.csv()).append('\n'));
            out.writeText("history.csv", csv.toString());
            writeNetwork(out.fs(), new Path(out.temp(), "generator.zip"), generator.model());
            writeNetwork(out.fs(), new Path(out.temp(), "discriminator.zip"), discriminator);
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + dir, e);
        }
    }

    public static GanModel load(Configuration hadoop, String dir) {
        if (!AtomicOutput.complete(hadoop, dir)) {
            throw SynthException.input("model directory " + dir + " does not exist or is incomplete (no _SUCCESS): "
                    + "train a model first (sparksynth train --model " + dir + ")");
        }
        ModelProvenance provenance = readProvenance(hadoop, dir);
        try {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(hadoop);
            SynthConfig config = SynthConfig.fromRendered(readText(fs, new Path(p, "config.conf")));
            TableTransform transform = TableTransform.fromJson(readText(fs, new Path(p, "transform.json")));
            List<EpochRecord> history = new ArrayList<>();
            String[] lines = readText(fs, new Path(p, "history.csv")).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    history.add(EpochRecord.parse(lines[i]));
                }
            }
            GeneratorNetwork g;
            try (FSDataInputStream in = fs.open(new Path(p, "generator.zip"))) {
                g = readGenerator(in, true, GanLayout.of(transform, config.gan));
            }
            MultiLayerNetwork d = readNetwork(fs, new Path(p, "discriminator.zip"));
            return new GanModel(transform, config, g, d, history, provenance);
        } catch (IOException | RuntimeException e) {
            throw SynthException.input("cannot read the model in " + dir + ": " + e.getMessage() + DAMAGED, e);
        }
    }

    /**
     * model.json, checked first: a directory written in a newer model format than this build reads
     * is refused by its version (exit 3) before any of its files is misread.
     */
    private static ModelProvenance readProvenance(Configuration hadoop, String dir) {
        ModelProvenance provenance;
        try {
            Path p = new Path(dir, "model.json");
            provenance = Json.read(readText(p.getFileSystem(hadoop), p), ModelProvenance.class);
        } catch (IOException | RuntimeException e) {
            throw SynthException.input("cannot read " + dir + "/model.json: " + e.getMessage() + DAMAGED, e);
        }
        if (provenance.format() > ModelProvenance.FORMAT) {
            String writer = provenance.versions() == null ? "a newer sparksynth"
                    : "sparksynth " + provenance.versions().getOrDefault("sparksynth", "(newer)");
            throw SynthException.input("model directory " + dir + " has model format " + provenance.format()
                    + " (model.json \"format\", written by " + writer + "), but this sparksynth reads format "
                    + ModelProvenance.FORMAT + " and older: generate with the sparksynth version that trained it, "
                    + "or train the model again with this one (sparksynth train --model " + dir + ")");
        }
        return provenance;
    }

    /** The generator as bytes, to broadcast to executors. */
    public byte[] generatorBytes() {
        return toBytes(generator.model(), false);
    }

    public static byte[] toBytes(Model net, boolean withUpdater) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, bytes, withUpdater);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generator from {@link #generatorBytes()}; the saved network says which shape it is. */
    public static GeneratorNetwork generatorFromBytes(byte[] bytes, GanLayout layout) {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return readGenerator(in, false, layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GeneratorNetwork readGenerator(InputStream in, boolean withUpdater, GanLayout layout)
            throws IOException {
        // the file, not the config, says the shape: a model saved before a default changed still loads
        byte[] bytes = in.readAllBytes();
        return isGraph(bytes)
                ? new GraphGenerator(ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes),
                withUpdater), layout.generatorInput())
                : new DenseGenerator(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes),
                withUpdater));
    }

    /** Whether a DL4J model file holds a ComputationGraph: its configuration lists vertices, a MultiLayerNetwork's does not. */
    private static boolean isGraph(byte[] modelFile) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(modelFile))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("configuration.json")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8).contains("\"vertices\"");
                }
            }
        }
        throw new IOException("no configuration.json in the generator's file");
    }

    private static void writeNetwork(FileSystem fs, Path path, Model net) throws IOException {
        try (FSDataOutputStream o = fs.create(path, true)) {
            ModelSerializer.writeModel(net, o, true);
        }
    }

    private static MultiLayerNetwork readNetwork(FileSystem fs, Path path) throws IOException {
        try (FSDataInputStream in = fs.open(path)) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        }
    }

    /** A text file of the model directory, or null when it has none (files later versions added). */
    public static String readOptional(Configuration hadoop, String dir, String name) {
        try {
            Path p = new Path(dir, name);
            FileSystem fs = p.getFileSystem(hadoop);
            return fs.exists(p) ? readText(fs, p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " in " + dir, e);
        }
    }

    private static String readText(FileSystem fs, Path path) throws IOException {
        try (FSDataInputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
