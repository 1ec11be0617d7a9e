package io.sparksynth.train;

import io.sparksynth.cli.SparkSynth;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sparksynth command line in a JVM of its own (this JVM's flags and class path), killed with
 * SIGKILL at a chosen point: a driver that dies without shutdown hooks or cleanup, which is what
 * checkpoints and {@code --resume} are for and what an in-process run cannot show.
 */
final class KilledDriver {
    private KilledDriver() {
    }

    static Process start(String[] args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkSynth.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the driver's console shows {@code text}, then kills it; fails if it ends first. */
    static void killAfter(Process driver, Path log, String text) throws Exception {
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.readString(log).contains(text)) {
                if (!driver.isAlive()) {
                    throw new AssertionError("the driver ended (exit " + driver.exitValue() + ") before \"" + text
                            + "\":\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no \"" + text + "\" within 5 minutes:\n" + Files.readString(log));
                }
                Thread.sleep(20);
            }
        } finally {
            driver.destroyForcibly();
            driver.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
