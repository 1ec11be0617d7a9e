package io.sparksynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train, generate and evaluate on the stock data with few epochs, as the main job runs them. */
class EndToEndTest {

    @Test
    void pipelineOnStockLossesWritesModelSyntheticDataAndMetrics(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        List<String> args = new ArrayList<>(List.of("pipeline", "--conf", "conf/eustock.conf",
                "--set", "output=" + dir, "--set", "train.epochs=3"));
        int code = SparkSynth.run(args.toArray(new String[0]));
        assertEquals(0, code);
        for (String sub : List.of("model", "synthetic", "report")) {
            assertTrue(new File(dir.toFile(), sub + "/_SUCCESS").exists(), sub + " is complete");
        }
        assertTrue(new File(dir.toFile(), "model/history.csv").exists());
        assertEquals(4, java.nio.file.Files.readAllLines(dir.resolve("model/history.csv")).size(),
                "header and one line per epoch");

        StructType real = spark.read().parquet("data/eustock_losses.parquet").schema();
        StructType synth = spark.read().parquet(dir.resolve("synthetic").toString()).schema();
        assertEquals(List.of(real.fieldNames()), List.of(synth.fieldNames()));
        for (String f : real.fieldNames()) {
            assertEquals(real.apply(f).dataType(), synth.apply(f).dataType(), f);
        }

        JsonNode m = new ObjectMapper().readTree(dir.resolve("report/metrics.json").toFile());
        long trainRows = spark.read().parquet(dir.resolve("synthetic").toString()).count();
        assertEquals(trainRows, m.at("/rows/synthetic").asLong());
        assertTrue(m.at("/rows/real").asLong() > 300, "the 20 % holdout");
        for (String key : List.of("/column_shapes", "/column_pair_trends", "/correlation_mad", "/detection_auc",
                "/privacy/exact_match_rate", "/privacy/dcr_synth_p5", "/privacy/dcr_holdout_p5")) {
            assertTrue(m.at(key).isNumber(), key + " in " + m);
        }
        for (String c : real.fieldNames()) {
            assertEquals("continuous", m.at("/columns/" + c + "/kind").asText());
            double ks = m.at("/columns/" + c + "/ks").asDouble();
            assertTrue(ks >= 0 && ks <= 1, c + " ks " + ks);
            assertTrue(m.at("/columns/" + c + "/real/p50").isNumber());
            assertTrue(m.at("/columns/" + c + "/synthetic/max").isNumber());
        }
        double shapes = m.at("/column_shapes").asDouble();
        assertTrue(shapes > 0 && shapes <= 1);
        assertTrue(new File(dir.toFile(), "report/report.html").length() > 500);
    }

    @Test
    void scheduledRunsArePartitionedByRunIdAndAQualityGateWithholdsSuccess(@TempDir Path dir) throws Exception {
        TestSpark.session();
        List<String> common = List.of("pipeline", "--conf", "conf/eustock.conf", "--set", "output=" + dir,
                "--set", "train.epochs=1", "--set", "gan.generator-layers=[16]", "--set", "gan.discriminator-layers=[16]");
        List<String> passing = new ArrayList<>(common);
        passing.addAll(List.of("--run-id", "2026-11-24", "--fail-below", "column_shapes=0.0,detection_auc=1.0"));
        assertEquals(0, SparkSynth.run(passing.toArray(new String[0])));
        Path run = dir.resolve("dt=2026-11-24");
        assertTrue(Files.exists(run.resolve("synthetic/_SUCCESS")));
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        assertEquals("published", manifest.at("/status").asText());
        assertEquals("2026-11-24", manifest.at("/run_id").asText());
        assertTrue(manifest.at("/metrics/column_shapes").isNumber());
        assertTrue(manifest.at("/durations_seconds/total").asDouble() > 0);
        assertTrue(manifest.at("/model/versions/spark").asText().startsWith("3.5"));

        List<String> failing = new ArrayList<>(common);
        failing.addAll(List.of("--run-id", "2026-11-25", "--fail-below", "column_shapes=0.999"));
        assertEquals(4, SparkSynth.run(failing.toArray(new String[0])));
        Path rejected = dir.resolve("dt=2026-11-25");
        assertTrue(Files.isDirectory(rejected.resolve("synthetic")), "the rows are kept for inspection");
        assertFalse(Files.exists(rejected.resolve("synthetic/_SUCCESS")), "but not published");
        assertTrue(Files.exists(rejected.resolve("report/report.html")));
        assertEquals("rejected by quality gate",
                new ObjectMapper().readTree(rejected.resolve("manifest.json").toFile()).at("/status").asText());

        List<String> unknown = new ArrayList<>(common);
        unknown.addAll(List.of("--fail-below", "no_such_metric=1"));
        assertEquals(2, SparkSynth.run(unknown.toArray(new String[0])));
    }
}
