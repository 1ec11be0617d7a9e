package io.sparksynth.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "On this machine, word for word" block, run as a new user would paste it into a
 * shell: a standalone master and two workers from {@code standalone-cluster.sh}, train, generate
 * and evaluate through the launcher and SPARK_HOME, then stop. The cluster is stopped by the
 * script's own PID files also when the block fails.
 */
class ReadmeStandaloneIT {

    @Test
    void theReadmeStandaloneBlockRunsAsWritten() throws Exception {
        String block = readmeBlock("**On this machine, word for word.**");
        assertTrue(block.contains("standalone-cluster.sh start") && block.contains("standalone-cluster.sh stop"), block);
        deleteRecursively(Path.of("output/cluster"));
        Path log = Files.createTempFile("readme-standalone", ".log");
        try {
            Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(20, TimeUnit.MINUTES), "the README block finished");
            String out = Files.readString(log);
            assertEquals(0, p.exitValue(), "the README block failed:\n" + tail(out));
            assertTrue(out.contains("with 2 workers"), tail(out));
        } finally {
            new ProcessBuilder("submit-scripts/standalone-cluster.sh", "stop").inheritIO().start()
                    .waitFor(1, TimeUnit.MINUTES);
        }
        assertTrue(new File("output/cluster/model/_SUCCESS").exists());
        assertTrue(new File("output/cluster/synthetic/_SUCCESS").exists());
        JsonNode m = new ObjectMapper().readTree(new File("output/cluster/report/metrics.json"));
        assertEquals(1_000_000, m.at("/rows/synthetic").asLong());
        System.out.println("README standalone block: column_shapes " + m.at("/column_shapes") + ", correlation_mad "
                + m.at("/correlation_mad"));
        assertTrue(m.at("/column_shapes").asDouble() > 0.8, "column_shapes " + m.at("/column_shapes"));
    }

    /** The first fenced bash block after the paragraph that starts with {@code marker}. */
    static String readmeBlock(String marker) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int i = 0;
        while (!lines.get(i).startsWith(marker)) {
            i++;
        }
        while (!lines.get(i).startsWith("```bash")) {
            i++;
        }
        List<String> block = new ArrayList<>();
        for (i++; !lines.get(i).startsWith("```"); i++) {
            block.add(lines.get(i));
        }
        return String.join("\n", block) + "\n";
    }

    static String tail(String s) {
        return s.length() < 4000 ? s : s.substring(s.length() - 4000);
    }

    static void deleteRecursively(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var files = Files.walk(p)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
