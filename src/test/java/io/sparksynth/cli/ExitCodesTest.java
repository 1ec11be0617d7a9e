package io.sparksynth.cli;

import io.sparksynth.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every exit code of the contract, through the real command line on real files. */
class ExitCodesTest {
    @TempDir
    static Path dir;
    static String model;

    @BeforeAll
    static void trainOnce() {
        TestSpark.session();
        model = dir.resolve("model").toString();
        assertEquals(0, run(withQuick("train", "--input", "data/eustock_losses.parquet", "--model", model)));
        assertTrue(new File(model, "_SUCCESS").exists());
    }

    static String[] withQuick(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(TestSpark.quickArgs());
        return all.toArray(new String[0]);
    }

    static int run(String... args) {
        return SparkSynth.run(args);
    }

    /** Runs and returns (exit code, stderr). */
    static Object[] runCapturing(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            int code = SparkSynth.run(args);
            return new Object[]{code, err.toString()};
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void unknownConfigKeyIsUsageErrorNamingTheKey() {
        Object[] r = runCapturing("train", "--input", "data/eustock_losses.parquet", "--model",
                dir.resolve("x").toString(), "--set", "gan.foo=1");
        assertEquals(2, r[0]);
        String err = (String) r[1];
        assertTrue(err.contains("gan.foo"), err);
        assertTrue(err.contains("gan.noise-dim"), "lists the accepted keys: " + err);
        assertFalse(new File(dir.toFile(), "x").exists());
    }

    @Test
    void illTypedConfigKeyIsUsageError() {
        Object[] r = runCapturing("train", "--input", "data/eustock_losses.parquet", "--model",
                dir.resolve("x").toString(), "--set", "train.epochs=abc");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("train.epochs"), (String) r[1]);
    }

    @Test
    void invalidValueAndMissingOptionsAndFilesAreUsageErrors() {
        assertEquals(2, run("train", "--input", "data/eustock_losses.parquet", "--model", "x",
                "--set", "transform.continuous=cubic"));
        assertEquals(2, run("train", "--model", "x"));
        assertEquals(2, run("pipeline", "--conf", "no/such.conf"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("generate", "--model", model, "--rows", "10", "--output", dir.resolve("w").toString(),
                "--where", "a=b"));
    }

    @Test
    void missingInputIsDataError() {
        Object[] r = runCapturing("train", "--input", "no/such/path.parquet", "--model", dir.resolve("m").toString());
        assertEquals(3, r[0]);
        assertTrue(((String) r[1]).contains("no/such/path.parquet"), (String) r[1]);
    }

    @Test
    void corruptParquetIsDataError() throws IOException {
        Path bad = dir.resolve("corrupt.parquet");
        Files.write(bad, "this is not parquet at all".getBytes());
        Object[] r = runCapturing("train", "--input", bad.toString(), "--model", dir.resolve("m2").toString());
        assertEquals(3, r[0]);
        assertTrue(((String) r[1]).contains("corrupt.parquet"), (String) r[1]);
    }

    @Test
    void emptyTableIsDataError() {
        SparkSession spark = TestSpark.session();
        String empty = dir.resolve("empty").toString();
        spark.read().parquet("data/eustock_losses.parquet").limit(0).write().parquet(empty);
        assertEquals(3, run(withQuick("train", "--input", empty, "--model", dir.resolve("m3").toString())));
        assertFalse(new File(dir.toFile(), "m3").exists());
    }

    @Test
    void unsupportedColumnsAreExcludedOrRejected() {
        SparkSession spark = TestSpark.session();
        String nested = dir.resolve("nested").toString();
        spark.read().parquet("data/eustock_losses.parquet")
                .selectExpr("DAX", "SMI", "named_struct('a', CAC, 'b', FTSE) AS pair", "map('k', DAX) AS m")
                .write().parquet(nested);
        assertEquals(3, run(withQuick("train", "--input", nested, "--model", dir.resolve("m4").toString(),
                "--set", "schema.unsupported=fail")));
        String m5 = dir.resolve("m5").toString();
        assertEquals(0, run(withQuick("train", "--input", nested, "--model", m5)));
        String out = dir.resolve("g5").toString();
        assertEquals(0, run("generate", "--model", m5, "--rows", "100", "--output", out));
        StructType schema = spark.read().parquet(out).schema();
        assertEquals(List.of("DAX", "SMI"), List.of(schema.fieldNames()));
        assertEquals(DataTypes.DoubleType, schema.apply("DAX").dataType());
    }

    @Test
    void modelWithoutSuccessMarkerIsDataError() throws IOException {
        Path incomplete = Files.createDirectories(dir.resolve("incomplete-model"));
        Files.writeString(incomplete.resolve("model.json"), "{}");
        assertEquals(3, run("generate", "--model", incomplete.toString(), "--rows", "10", "--output",
                dir.resolve("never").toString()));
        assertFalse(new File(dir.toFile(), "never").exists());
    }

    @Test
    void failedGenerateLeavesNothingBehind() {
        // negative rows fail after the model is loaded
        String out = dir.resolve("neg").toString();
        assertEquals(2, run("generate", "--model", model, "--rows", "-5", "--output", out));
        assertFalse(new File(out).exists());
        for (File f : Objects.requireNonNull(dir.toFile().listFiles())) {
            assertFalse(f.getName().contains(".tmp-"), "temporary directory left behind: " + f);
        }
    }

    @Test
    void rerunningGenerateReplacesOutputWithIdenticalRows() {
        SparkSession spark = TestSpark.session();
        String out = dir.resolve("again").toString();
        assertEquals(0, run("generate", "--model", model, "--rows", "700", "--output", out, "--seed", "9"));
        List<String> first = sortedRows(spark, out);
        assertEquals(0, run("generate", "--model", model, "--rows", "700", "--output", out, "--seed", "9"));
        assertEquals(first, sortedRows(spark, out));
        assertTrue(new File(out, "_SUCCESS").exists());
        assertEquals(700, first.size());
    }

    static List<String> sortedRows(SparkSession spark, String path) {
        return spark.read().parquet(path).collectAsList().stream().map(Object::toString).sorted().toList();
    }
}
