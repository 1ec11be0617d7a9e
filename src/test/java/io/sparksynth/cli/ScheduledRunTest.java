package io.sparksynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksynth.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scheduler re-running a day ({@code pipeline --run-id X} again, after a failure or a fix)
 * must get that day's partition replaced by the same rows, not a mix of two runs, duplicates or
 * leftovers of a driver that was killed before.
 */
class ScheduledRunTest {
    static final String RUN_ID = "2026-11-24";

    @Test
    void rerunWithTheSameRunIdAndSeedReplacesThePartitionWithIdenticalRows(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        Path run = dir.resolve("dt=" + RUN_ID);
        assertEquals(0, SparkSynth.run(pipeline(dir)));
        Path first = dir.resolve("first-synthetic");
        copy(run.resolve("synthetic"), first);
        JsonNode firstManifest = manifest(run);

        // what a driver killed during an earlier attempt of this day leaves behind
        List<Path> stale = new ArrayList<>();
        for (String output : List.of("model", "synthetic", "report")) {
            stale.add(staleTemporary(run, "." + output + ".tmp-" + UUID.randomUUID()));
        }
        stale.add(staleTemporary(run, ".synthetic.old-" + UUID.randomUUID()));

        assertEquals(0, SparkSynth.run(pipeline(dir)));

        Dataset<Row> a = spark.read().parquet(first.toString());
        Dataset<Row> b = spark.read().parquet(run.resolve("synthetic").toString());
        assertEquals(digest(a), digest(b), "count and hash over all columns");
        assertEquals(0, a.exceptAll(b).count(), "rows of the first run missing from the re-run");
        assertEquals(0, b.exceptAll(a).count(), "rows in the re-run that the first run did not write");
        assertTrue(Files.exists(run.resolve("synthetic/_SUCCESS")));

        JsonNode again = manifest(run);
        assertTrue(Instant.parse(again.at("/finished").asText()).isAfter(
                Instant.parse(firstManifest.at("/finished").asText())), "manifest.json is rewritten by the re-run");
        assertEquals(withoutTimes(firstManifest), withoutTimes(again), "same rows, metrics and settings");

        for (Path s : stale) {
            assertTrue(Files.notExists(s), "a killed run's temporary is swept: " + s);
        }
        try (Stream<Path> files = Files.walk(run)) {
            assertEquals(List.of(), files.map(p -> run.relativize(p).toString())
                    .filter(n -> n.contains(".tmp") || n.contains(".old-") || n.contains(".checkpoint")).toList(),
                    "no temporary, moved-aside output or checkpoint under " + run);
        }
    }

    static String[] pipeline(Path output) {
        List<String> a = new ArrayList<>(List.of("pipeline", "--conf", "conf/eustock.conf", "--set",
                "output=" + output, "--run-id", RUN_ID));
        a.addAll(TestSpark.quickArgs());
        return a.toArray(String[]::new);
    }

    /** A temporary directory with a part file, dated an hour back (before the re-run started). */
    static Path staleTemporary(Path run, String name) throws IOException {
        Path t = Files.createDirectories(run.resolve(name));
        Files.writeString(t.resolve("part-00000.parquet"), "half-written");
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(t.resolve("part-00000.parquet"), hourAgo);
        Files.setLastModifiedTime(t, hourAgo);
        return t;
    }

    static JsonNode manifest(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
    }

    /** The manifest without what differs between two runs of the same work: clock times and durations. */
    static JsonNode withoutTimes(JsonNode manifest) {
        ObjectNode m = manifest.deepCopy();
        m.remove(List.of("finished", "durations_seconds"));
        ((ObjectNode) m.get("model")).remove(List.of("created", "training_seconds"));
        return m;
    }

    static Row digest(Dataset<Row> d) {
        return d.agg(functions.count(functions.lit(1)),
                functions.sum(functions.xxhash64(functions.col("*")).cast("decimal(38,0)"))).first();
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }
}
