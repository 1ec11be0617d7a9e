package io.sparksynth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real launcher, {@code submit-scripts/sparksynth}, in a process of its own, as a scheduler
 * runs it: the bash script, its Spark options, a fresh JVM and {@code System.exit}. It runs the
 * classes under test ({@code SPARKSYNTH_CLASSPATH}: this JVM's class path), so no job jar needs to
 * be packaged first, on the embedded local master with a small heap and no Spark UI.
 */
final class Launcher {
    static final String SCRIPT = "submit-scripts/sparksynth";

    private Launcher() {
    }

    /** How a run ended and what it printed. */
    record Run(List<String> args, int code, String out, String err) {
        /** For assertion messages: the command, its exit code and what it printed. */
        String transcript() {
            return "sparksynth " + String.join(" ", args) + " -> exit " + code + "\n--- stderr:\n" + err
                    + "--- stdout:\n" + out;
        }
    }

    static Run run(String... args) {
        try {
            Path out = Files.createTempFile("sparksynth-launcher-", ".out");
            Path err = Files.createTempFile("sparksynth-launcher-", ".err");
            try {
                List<String> cmd = new ArrayList<>(List.of(SCRIPT, "--conf", "spark.ui.enabled=false"));
                cmd.addAll(List.of(args));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().remove("SPARK_HOME"); // the embedded default, not a cluster's spark-submit
                pb.environment().put("SPARKSYNTH_CLASSPATH", System.getProperty("java.class.path"));
                pb.environment().put("SPARKSYNTH_DRIVER_MEMORY", "1g");
                pb.environment().put("LC_ALL", "C.UTF-8"); // messages quote non-ASCII values: print them as UTF-8
                Process p = pb.start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("sparksynth " + String.join(" ", args) + " ran over 5 minutes:\n"
                            + Files.readString(err));
                }
                return new Run(List.of(args), p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + SCRIPT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + SCRIPT, e);
        }
    }
}
