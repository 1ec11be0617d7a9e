package io.sparksynth.cli;

import io.sparksynth.TestSpark;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
        assertEquals(2, run("generate", "--model", model, "--rows", "-5", "--output", dir.resolve("w").toString()));
        assertFalse(new File(dir.toFile(), "w").exists());
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

    /**
     * A generation that fails on the executors, after Spark has started writing into the temporary
     * output, leaves no partial rows and no temporary directory, and the previous complete output
     * at that path stays as it was (the atomic-output contract: all or nothing).
     */
    @Test
    void failedGenerateLeavesNothingBehind() throws Exception {
        SparkSession spark = TestSpark.session();
        String out = dir.resolve("kept").toString();
        assertEquals(0, run("generate", "--model", model, "--rows", "700", "--output", out, "--seed", "3"));
        List<String> before = sortedRows(spark, out);

        String damaged = damagedModel();
        FailedTasks failed = FailedTasks.during(spark, () -> assertEquals(1, run("generate", "--model", damaged,
                "--rows", "5000", "--partitions", "4", "--output", out, "--seed", "3")));
        assertTrue(failed.count() > 0, "the failure happened in write tasks on the executors, not before the job");

        assertTrue(new File(out, "_SUCCESS").exists(), "the previous output is still published");
        assertEquals(before, sortedRows(spark, out), "the previous output is intact");
        assertEquals(List.of(), leftovers("kept"), "no temporary or moved-aside directory left behind");
    }

    /**
     * Exit code 1 is anything that is not a user's error: here a Spark job whose tasks throw on the
     * executors. The contract prints "failed:" with the cause and a stack trace for a bug report.
     */
    @Test
    void unexpectedFailureOnTheExecutorsIsExitCodeOne() throws IOException {
        String out = dir.resolve("never-written").toString();
        Object[] r = runCapturing("generate", "--model", damagedModel(), "--rows", "100", "--output", out);
        String err = (String) r[1];
        assertEquals(1, r[0], err);
        assertTrue(err.startsWith("sparksynth: failed: "), err);
        assertTrue(err.contains("\tat "), "a stack trace for the bug report: " + err);
        assertFalse(new File(out).exists());
        assertEquals(List.of(), leftovers("never-written"));
    }

    /**
     * A copy of the trained model whose config.conf claims one more noise input than its generator
     * has (as a hand-edited or mismatched directory would): it loads on the driver, and only the
     * executors, running the generator, find out.
     */
    static synchronized String damagedModel() throws IOException {
        Path damaged = dir.resolve("damaged-model");
        if (!Files.exists(damaged)) {
            try (Stream<Path> files = Files.walk(Path.of(model))) {
                for (Path f : files.toList()) {
                    Files.copy(f, damaged.resolve(Path.of(model).relativize(f).toString()));
                }
            }
            Path conf = damaged.resolve("config.conf");
            Matcher m = Pattern.compile("(\"noise-dim\"\\s*:\\s*)(\\d+)").matcher(Files.readString(conf));
            assertTrue(m.find(), "config.conf names gan.noise-dim");
            int dim = Integer.parseInt(m.group(2));
            Files.writeString(conf, m.replaceFirst("$1" + (dim + 1)));
            Files.deleteIfExists(damaged.resolve(".config.conf.crc")); // Hadoop's checksum would reject the edit
        }
        return damaged.toString();
    }

    /** Hidden siblings of an output that AtomicOutput creates while writing ({@code .NAME.tmp-*}, {@code .NAME.old-*}). */
    static List<String> leftovers(String name) {
        return Stream.of(Objects.requireNonNull(dir.toFile().list()))
                .filter(f -> f.startsWith("." + name + ".")).toList();
    }

    /** Counts tasks that ended with an exception while an action ran. */
    static final class FailedTasks extends SparkListener {
        private final AtomicInteger failed = new AtomicInteger();

        static FailedTasks during(SparkSession spark, Runnable action) throws TimeoutException {
            FailedTasks l = new FailedTasks();
            spark.sparkContext().addSparkListener(l);
            try {
                action.run();
            } finally {
                spark.sparkContext().listenerBus().waitUntilEmpty();
                spark.sparkContext().removeSparkListener(l);
            }
            return l;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure) {
                failed.incrementAndGet();
            }
        }

        int count() {
            return failed.get();
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
