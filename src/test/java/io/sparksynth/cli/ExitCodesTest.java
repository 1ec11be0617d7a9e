package io.sparksynth.cli;

import io.sparksynth.TestSpark;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exit codes of failures inside Spark jobs and the atomic-output contract, through the command
 * line in this JVM on real files. Bad input and usage errors are the launcher corpus,
 * {@link BadInputCorpusTest}.
 */
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
            OutputDirs.copy(Path.of(model), damaged);
            OutputDirs.edit(damaged.resolve("config.conf"), conf -> {
                Matcher m = Pattern.compile("(\"noise-dim\"\\s*:\\s*)(\\d+)").matcher(conf);
                assertTrue(m.find(), "config.conf names gan.noise-dim");
                return m.replaceFirst("$1" + (Integer.parseInt(m.group(2)) + 1));
            });
        }
        return damaged.toString();
    }

    static List<String> leftovers(String name) {
        return OutputDirs.leftovers(dir, name);
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
