package io.sparksynth.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksynth.TestSpark;
import io.sparksynth.cli.SparkSynth;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * sparksynth's column shapes (KS, TVD) and pair trends, recomputed outside the JVM by
 * {@code src/test/python/independent_check.py} with numpy and scipy from CSV exports of the two
 * tables a real pipeline compared, agree with its metrics.json within the script's tolerances; and
 * the check notices a figure that was changed. The pipelines run without a holdout, so the compared
 * real rows are the input file itself (already clean), exported as Spark reads it.
 */
class IndependentCheckTest {
    /** The interpreter: $SPARKSYNTH_PYTHON (.ci/run picks one that has numpy and scipy), else python3 on PATH. */
    static final String PYTHON = System.getenv().getOrDefault("SPARKSYNTH_PYTHON", "python3");

    static final String SCRIPT = "src/test/python/independent_check.py";

    @BeforeAll
    static void pythonHasNumpyAndScipy() throws Exception {
        String help = "python3 with numpy and scipy is needed for " + SCRIPT
                + ": install Debian's python3-numpy python3-scipy (.ci/run does)";
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import numpy, scipy").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 -c 'import numpy, scipy' finished");
            assertEquals(0, p.exitValue(), help + "\n" + out);
        } catch (IOException e) {
            fail(help + " (" + e.getMessage() + ")");
        }
    }

    /** Four continuous columns: KS per column and Pearson-based pair trends. */
    @Test
    void stockLossesPipeline(@TempDir Path dir) throws Exception {
        TestSpark.session();
        String input = Path.of("data/eustock_losses.parquet").toAbsolutePath().toString();
        Path out = pipeline(dir, "conf/eustock.conf", input);
        Path real = export(input, dir.resolve("real"));
        Path synth = export(out.resolve("synthetic").toString(), dir.resolve("synth"));
        Path metrics = out.resolve("report/metrics.json");
        assertComparedRows(metrics, input);

        assertEquals(0, check(real, synth, metrics), "independent figures agree");
        assertEquals(1, check(real, synth, tampered(metrics, dir, m -> shift(m, "/columns/DAX", "ks"))),
                "a KS changed by 0.01 is noticed");
        assertEquals(1, check(real, synth, tampered(metrics, dir, m -> shift(m, "", "column_pair_trends"))),
                "pair trends changed by 0.01 are noticed");
    }

    /**
     * A small sample of Adult (categorical and continuous columns, nulls): TVD per categorical
     * column, contingency pair trends over categories and real deciles.
     */
    @Test
    void adultSamplePipeline(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        String input = cleanAdultSample(spark, dir.resolve("adult-sample").toString());
        Path out = pipeline(dir, "conf/adult.conf", input, "clean.trim-strings=false", "clean.missing-markers=[]",
                "evaluate.target=\"\"", "evaluate.sample-rows=2000");
        Path real = export(input, dir.resolve("real"));
        Path synth = export(out.resolve("synthetic").toString(), dir.resolve("synth"));
        Path metrics = out.resolve("report/metrics.json");
        assertComparedRows(metrics, input);

        assertEquals(0, check(real, synth, metrics), "independent figures agree");
        assertEquals(1, check(real, synth, tampered(metrics, dir, m -> shift(m, "/columns/workclass", "tvd"))),
                "a TVD changed by 0.01 is noticed");
    }

    /** Runs the pipeline without holdout on {@code input}; returns its output directory. */
    static Path pipeline(Path dir, String conf, String input, String... extra) {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("pipeline", "--conf", conf, "--set", "input=" + input,
                "--set", "output=" + out, "--set", "split.holdout=0"));
        for (String s : extra) {
            args.addAll(List.of("--set", s));
        }
        args.addAll(TestSpark.quickArgs());
        assertEquals(0, SparkSynth.run(args.toArray(String[]::new)), "pipeline " + args);
        return out;
    }

    /**
     * 2,000 Adult rows cleaned as conf/adult.conf would (trimmed, "?" as null), so that the
     * pipeline's own cleaning, switched off, changes nothing and the compared real rows are this file.
     */
    static String cleanAdultSample(SparkSession spark, String path) {
        Dataset<Row> adult = spark.read().parquet("data/adult.parquet");
        List<org.apache.spark.sql.Column> cols = new ArrayList<>();
        for (StructField f : adult.schema().fields()) {
            org.apache.spark.sql.Column c = col("`" + f.name() + "`");
            if (f.dataType().equals(DataTypes.StringType)) {
                c = when(trim(c).equalTo("?"), lit(null).cast("string")).otherwise(trim(c));
            }
            cols.add(c.as(f.name()));
        }
        // the first rows in the order of a hash of their content: a spread-out sample, the same every time
        Dataset<Row> clean = adult.select(cols.toArray(new org.apache.spark.sql.Column[0]));
        clean.orderBy(xxhash64(Arrays.stream(clean.columns()).map(n -> col("`" + n + "`"))
                        .toArray(org.apache.spark.sql.Column[]::new)))
                .limit(2000).write().parquet(path);
        return path;
    }

    /** The table as one CSV file with a header, nulls as empty fields (Spark's CSV writer). */
    static Path export(String parquet, Path csvDir) throws IOException {
        TestSpark.session().read().parquet(parquet).coalesce(1).write().option("header", "true")
                .csv(csvDir.toString());
        try (Stream<Path> files = Files.list(csvDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
    }

    /** The exported real table is the one the pipeline compared: same number of rows as in metrics.json. */
    static void assertComparedRows(Path metrics, String input) throws IOException {
        long compared = new ObjectMapper().readTree(metrics.toFile()).at("/rows/real").asLong();
        assertEquals(TestSpark.session().read().parquet(input).count(), compared, "rows compared by the pipeline");
    }

    /** Runs the script; returns its exit code, with its output on the console. */
    static int check(Path real, Path synth, Path metrics) throws Exception {
        Process p = new ProcessBuilder(PYTHON, SCRIPT, real.toString(), synth.toString(), metrics.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), SCRIPT + " finished");
        System.out.println(out);
        return p.exitValue();
    }

    /** A copy of metrics.json changed by {@code change}. */
    static Path tampered(Path metrics, Path dir, Consumer<ObjectNode> change) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(metrics.toFile());
        change.accept(m);
        Path copy = Files.createTempFile(dir, "metrics-tampered-", ".json");
        json.writeValue(copy.toFile(), m);
        return copy;
    }

    /** Adds 0.01 to the number {@code field} of the object at {@code pointer}. */
    static void shift(ObjectNode metrics, String pointer, String field) {
        ObjectNode node = (ObjectNode) metrics.at(pointer);
        JsonNode v = node.get(field);
        assertTrue(v != null && v.isNumber(), pointer + "/" + field + " in metrics.json");
        node.put(field, v.asDouble() + 0.01);
    }
}
