package io.sparksynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catalog tables out and in, on a real embedded Hive metastore (Derby, in a temporary directory)
 * and real Delta tables, every command through the real launcher in a JVM of its own (one JVM at
 * a time may open an embedded metastore): a pipeline writes a run's partition, a re-run replaces
 * it with identical rows, another run id adds a partition and leaves the first alone, a failed
 * write leaves the partition as it was, a table is read back as an input, and bad names, missing
 * tables and schema mismatches get their exit codes. A tiny table and tiny networks keep it short.
 */
class CatalogTablesTest {
    static final String A = "2026-11-25";
    static final String B = "2026-11-26";
    static final String COLUMNS = "a, b, c";

    @TempDir
    static Path dir;
    static Path catalog;
    static Path conf;

    @BeforeAll
    static void tinyTableAndConfig() throws IOException {
        SparkSession spark = TestSpark.session();
        Path input = dir.resolve("tiny.parquet");
        spark.range(400).select(functions.randn(1).as("a"), functions.col("id"))
                .withColumn("b", functions.expr("a * 0.8 + randn(2) * 0.3"))
                .withColumn("c", functions.expr("element_at(array('x', 'y', 'z'), cast(id % 3 + 1 as int))"))
                .drop("id").coalesce(1).write().parquet(input.toString());
        catalog = dir.resolve("catalog");
        conf = Files.writeString(dir.resolve("tiny.conf"), "input = \"" + input + "\"\nseed = 42\n"
                + "split.holdout = 0.2\nevaluate.sample-rows = 100\n");
    }

    @Test
    void hiveTablePartitionsAreReplacedAtomicallyAndReadBack() throws IOException {
        Path art = dir.resolve("hive-runs");
        Path versions = catalog.resolve("warehouse/db.db/synth/_versions");
        run(0, pipeline("table:db.synth", A, art));
        assertTrue(Files.exists(art.resolve("dt=" + A + "/model/_SUCCESS")), "model beside the table's runs");
        assertTrue(Files.exists(art.resolve("dt=" + A + "/report/metrics.json")));
        assertEquals("table:db.synth", manifest(art).at("/outputs/synthetic").asText());
        long rows = manifest(art).at("/rows/synthetic").asLong();
        Path first = onlyVersion(versions.resolve("dt=" + A));
        Row firstDigest = digest(first);

        // the same run again (its generation, same model, rows and seed): a new version, the same rows
        String model = art.resolve("dt=" + A + "/model").toString();
        run(0, withCatalog("generate", "--model", model, "--rows", String.valueOf(rows), "--seed", "42",
                "--output", "table:db.synth", "--run-id", A));
        Path second = onlyVersion(versions.resolve("dt=" + A));
        assertNotEquals(first, second, "a re-run writes a new version directory");
        assertFalse(Files.exists(first), "the replaced version is deleted");
        assertEquals(firstDigest, digest(second), "identical rows");

        // another run id: a second partition, the first untouched
        List<String> before = OutputDirs.snapshot(second);
        run(0, withCatalog("generate", "--model", model, "--rows", "50", "--output", "table:db.synth", "--run-id", B));
        assertEquals(before, OutputDirs.snapshot(second));
        assertEquals(50, read(onlyVersion(versions.resolve("dt=" + B))).count());

        // the table as an input: both partitions; a model of other columns cannot write into it
        Path narrow = dir.resolve("narrow-model");
        Launcher.Run train = run(0, withCatalog(quick("train", "--input", "table:db.synth", "--model",
                narrow.toString(), "--set", "schema.exclude=[dt, b]")));
        assertTrue(train.out().contains("training: " + (rows + 50) + " rows"), train.transcript());
        Launcher.Run mismatch = run(2, withCatalog("generate", "--model", narrow.toString(), "--rows", "50",
                "--output", "table:db.synth", "--run-id", A));
        assertMessage(mismatch, "table db.synth has column 'b' (double), which the model does not write");
        assertEquals(before, OutputDirs.snapshot(second), "a failed write leaves the partition as it was");
        assertEquals(List.of(second.getFileName().toString()), list(versions.resolve("dt=" + A)),
                "and no staged version behind");

        assertMessage(run(2, withCatalog("generate", "--model", model, "--rows", "5", "--output",
                "table:db.bad-name")), "'table:db.bad-name' is not a table name", "table:db.name");
        assertMessage(run(2, withCatalog("generate", "--model", model, "--rows", "5", "--output", "table:db.synth",
                "--format", "delta", "--run-id", A)), "table db.synth is a parquet table", "--format parquet");

        // what another job reading the catalog sees
        String sum = "SELECT dt, count(*), sum(cast(xxhash64(" + COLUMNS + ") AS decimal(38,0))) FROM db.synth "
                + "GROUP BY dt ORDER BY dt";
        String location = "DESCRIBE FORMATTED db.synth PARTITION (dt='" + A + "')";
        Map<String, List<String>> seen = CatalogProbe.query(catalog, "SHOW PARTITIONS db.synth", sum, location);
        assertEquals(List.of("dt=" + A, "dt=" + B), seen.get("SHOW PARTITIONS db.synth"));
        assertEquals(A + "|" + firstDigest.get(0) + "|" + firstDigest.get(1), seen.get(sum).get(0));
        assertTrue(seen.get(location).stream().anyMatch(l -> l.startsWith("Location|") && l.contains(second + "|")),
                "the metastore points at the new version: " + seen.get(location));
        assertFalse(Files.exists(Path.of("metastore_db")) || Files.exists(Path.of("derby.log")),
                "nothing of the metastore in the working directory");
        assertTrue(Files.isDirectory(catalog.resolve("metastore_db")) && Files.exists(catalog.resolve("derby.log")));
    }

    @Test
    void deltaTablePartitionIsReplacedByOneCommit() {
        Path art = dir.resolve("delta-runs");
        run(0, pipeline("table:db.synth_delta", A, art, "--format", "delta"));
        String model = art.resolve("dt=" + A + "/model").toString();
        long rows = manifestRows(art);
        run(0, withCatalog("generate", "--model", model, "--rows", String.valueOf(rows), "--seed", "42",
                "--output", "table:db.synth_delta", "--format", "delta", "--run-id", A));
        run(0, withCatalog("generate", "--model", model, "--rows", "50", "--output", "table:db.synth_delta",
                "--format", "delta", "--run-id", B));
        Path deltaDir = dir.resolve("delta-dir");
        run(0, withCatalog("generate", "--model", model, "--rows", "100", "--output", deltaDir.toString(),
                "--format", "delta"));
        assertTrue(Files.isDirectory(deltaDir.resolve("_delta_log")));
        Launcher.Run fromDelta = run(0, quick("train", "--input", deltaDir.toString(), "--model",
                dir.resolve("from-delta").toString()));
        assertTrue(fromDelta.out().contains("training: 100 rows"), "a Delta directory as an input: "
                + fromDelta.transcript());

        String digest = "count(*), sum(cast(xxhash64(" + COLUMNS + ") AS decimal(38,0)))";
        String now = "SELECT dt, " + digest + " FROM db.synth_delta GROUP BY dt ORDER BY dt";
        String then = "SELECT " + digest + " FROM db.synth_delta VERSION AS OF 0 WHERE dt = '" + A + "'";
        String history = "DESCRIBE HISTORY db.synth_delta";
        String path = "SELECT count(*) FROM delta.`" + deltaDir + "`";
        Map<String, List<String>> seen = CatalogProbe.query(catalog, now, then, history, path);
        assertEquals(A + "|" + seen.get(then).get(0), seen.get(now).get(0), "the re-run wrote identical rows");
        assertTrue(seen.get(now).get(1).startsWith(B + "|50|"), seen.get(now).toString());
        List<String> commits = seen.get(history);
        assertEquals(3, commits.size(), commits.toString());
        String rerun = commits.stream().filter(c -> c.startsWith("1|")).findFirst().orElseThrow();
        assertTrue(rerun.contains("|WRITE|") && rerun.contains("predicate") && rerun.contains(A),
                "the re-run is one overwrite of its partition: " + commits);
        assertEquals(List.of("100"), seen.get(path));
    }

    static String[] pipeline(String output, String runId, Path artifacts, String... extra) {
        List<String> a = new ArrayList<>(List.of("pipeline", "--conf", conf.toString(), "--output", output,
                "--run-id", runId, "--set", "catalog.artifacts-dir=\"" + artifacts + "\""));
        a.addAll(Arrays.asList(extra));
        return withCatalog(quick(a.toArray(String[]::new)));
    }

    /** Tiny networks, and none of training's extras (calibration, validation): seconds per run. */
    static String[] quick(String... args) {
        List<String> all = new ArrayList<>(List.of(BadInputCorpusTest.quick(args)));
        all.addAll(List.of("--set", "train.calibrate-marginals=false", "--set", "train.select-best=false"));
        return all.toArray(String[]::new);
    }

    static String[] withCatalog(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "catalog.local-dir=\"" + catalog + "\""));
        return all.toArray(String[]::new);
    }

    static Launcher.Run run(int code, String... args) {
        long t0 = System.nanoTime();
        Launcher.Run r = Launcher.run(args);
        System.out.printf("CatalogTablesTest: %s %s: %.0f s%n", args[0], args[args.length - 1],
                (System.nanoTime() - t0) / 1e9);
        assertEquals(code, r.code(), r.transcript());
        return r;
    }

    static void assertMessage(Launcher.Run r, String... mentions) {
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "the message names \"" + m + "\": " + r.transcript());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.transcript());
    }

    static JsonNode manifest(Path artifacts) throws IOException {
        return new ObjectMapper().readTree(artifacts.resolve("dt=" + A + "/manifest.json").toFile());
    }

    static long manifestRows(Path artifacts) {
        try {
            return manifest(artifacts).at("/rows/synthetic").asLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Path onlyVersion(Path slot) {
        List<String> names = list(slot);
        assertEquals(1, names.size(), "one version of the partition: " + names);
        return slot.resolve(names.get(0));
    }

    static List<String> list(Path slot) {
        try (Stream<Path> s = Files.list(slot)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + slot, e);
        }
    }

    static Dataset<Row> read(Path version) {
        return TestSpark.session().read().parquet(version + "/*.parquet");
    }

    /** Count and hash sum of a version's rows (its columns are a, b, c: the same figures as the probe's SQL). */
    static Row digest(Path version) {
        return ScheduledRunTest.digest(read(version));
    }
}
