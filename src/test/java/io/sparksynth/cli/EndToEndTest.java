package io.sparksynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.workflow.Split;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
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
        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("model/model.json").toFile());
        // the holdout the pipeline compares with is the seeded 20 % split of the input, and the model saw the rest
        SynthConfig cfg = SynthConfig.load("conf/eustock.conf", List.of());
        Dataset<Row> input = spark.read().parquet("data/eustock_losses.parquet");
        Split split = Split.of(input, cfg.holdout, cfg.seed);
        long holdoutRows = split.holdout().count();
        assertTrue(holdoutRows > 0 && holdoutRows < input.count(), "a proper holdout");
        assertEquals(holdoutRows, m.at("/rows/real").asLong(), "evaluated against the holdout");
        assertEquals(split.train().count(), provenance.at("/rows").asLong(), "trained on the other rows");
        assertEquals(input.count(), holdoutRows + provenance.at("/rows").asLong());
        long synthRows = spark.read().parquet(dir.resolve("synthetic").toString()).count();
        assertEquals(provenance.at("/rows").asLong(), synthRows, "as many synthetic rows as training rows");
        assertEquals(synthRows, m.at("/rows/synthetic").asLong());

        for (String key : List.of("/column_pair_trends", "/correlation_mad", "/detection_auc",
                "/privacy/exact_match_rate", "/privacy/dcr_synth_p5", "/privacy/dcr_holdout_p5")) {
            assertTrue(m.at(key).isNumber(), key + " in " + m);
        }
        // the describe rows of the real side are the holdout's own statistics, and the headline is their mean
        Row stats = split.holdout().agg(count("DAX"), avg("DAX"), min("DAX"), max("DAX")).first();
        assertEquals(stats.getLong(0), m.at("/columns/DAX/real/count").asLong());
        assertEquals(stats.getDouble(1), m.at("/columns/DAX/real/mean").asDouble(), 1e-12);
        assertEquals(stats.getDouble(2), m.at("/columns/DAX/real/min").asDouble(), 0);
        assertEquals(stats.getDouble(3), m.at("/columns/DAX/real/max").asDouble(), 0);
        double shapeSum = 0;
        for (String c : real.fieldNames()) {
            assertEquals("continuous", m.at("/columns/" + c + "/kind").asText());
            double ks = m.at("/columns/" + c + "/ks").asDouble();
            assertEquals(1 - ks, m.at("/columns/" + c + "/shape").asDouble(), 1e-12, c);
            shapeSum += 1 - ks;
            assertTrue(m.at("/columns/" + c + "/real/p25").asDouble() <= m.at("/columns/" + c + "/real/p75").asDouble());
            assertTrue(m.at("/columns/" + c + "/synthetic/max").isNumber());
        }
        assertEquals(shapeSum / real.fieldNames().length, m.at("/column_shapes").asDouble(), 1e-12);
        // a generator stuck on one value per column has KS >= 0.5 everywhere (shape <= 0.5); three epochs beat that
        assertTrue(m.at("/column_shapes").asDouble() > 0.5, "column shapes " + m.at("/column_shapes"));
        // which figures are estimated, and from how many rows
        JsonNode est = m.at("/estimation");
        for (String k : List.of("ks", "tvd", "quartiles", "pair_bins", "dcr", "pca")) {
            assertFalse(est.path(k).asText().isEmpty(), "estimation." + k);
        }
        assertTrue(est.path("ks").asText().startsWith("exact"));
        assertEquals(cfg.evaluate.sampleRows(), est.path("learned_metrics_sample_rows").asInt());
        assertTrue(new File(dir.toFile(), "report/report.html").length() > 500);
    }

    @Test
    void scheduledRunsArePartitionedByRunIdAndAQualityGateWithholdsSuccess(@TempDir Path dir) throws Exception {
        TestSpark.session();
        List<String> common = List.of("pipeline", "--conf", "conf/eustock.conf", "--set", "output=" + dir,
                "--set", "train.epochs=1", "--set", "gan.generator-layers=[16]", "--set", "gan.discriminator-layers=[16]");
        List<String> passing = new ArrayList<>(common);
        // thresholds a working run meets and a broken one would not (marginals far off, every row a copy)
        passing.addAll(List.of("--run-id", "2026-11-24", "--fail-below",
                "column_shapes=0.3,privacy.exact_match_rate=0.5"));
        assertEquals(0, SparkSynth.run(passing.toArray(new String[0])));
        Path run = dir.resolve("dt=2026-11-24");
        assertTrue(Files.exists(run.resolve("synthetic/_SUCCESS")));
        JsonNode manifest = new ObjectMapper().readTree(run.resolve("manifest.json").toFile());
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("report/metrics.json").toFile());
        assertEquals("published", manifest.at("/status").asText());
        assertEquals("2026-11-24", manifest.at("/run_id").asText());
        assertEquals("data/eustock_losses.parquet", manifest.at("/input").asText());
        assertEquals(42, manifest.at("/seed").asLong());
        assertEquals(0.2, manifest.at("/holdout").asDouble(), 0);
        assertEquals(metrics.at("/rows/real").asLong(), manifest.at("/rows/compared_real").asLong());
        assertEquals(metrics.at("/rows/synthetic").asLong(), manifest.at("/rows/synthetic").asLong());
        assertEquals(manifest.at("/model/rows").asLong(), manifest.at("/rows/train").asLong());
        for (String out : List.of("model", "synthetic", "report")) {
            assertEquals(run.resolve(out).toString(), manifest.at("/outputs/" + out).asText());
        }
        for (String k : List.of("column_shapes", "column_pair_trends", "correlation_mad", "detection_auc")) {
            assertEquals(metrics.at("/" + k).asDouble(), manifest.at("/metrics/" + k).asDouble(), 0, k);
        }
        assertEquals(metrics.at("/privacy"), manifest.at("/metrics/privacy"));
        assertEquals(2, manifest.at("/quality_gate").size());
        assertEquals("column_shapes", manifest.at("/quality_gate/0/metric").asText());
        assertTrue(manifest.at("/quality_gate/0/higherIsBetter").asBoolean());
        assertFalse(manifest.at("/quality_gate/1/higherIsBetter").asBoolean(), "exact_match_rate must stay below");
        assertTrue(manifest.at("/quality_gate/0/passed").asBoolean());
        double total = manifest.at("/durations_seconds/total").asDouble();
        assertTrue(total >= manifest.at("/durations_seconds/train").asDouble()
                + manifest.at("/durations_seconds/generate").asDouble() - 1e-9, "total covers the steps");
        assertTrue(manifest.at("/model/versions/spark").asText().startsWith("3.5"));
        assertTrue(Files.readString(run.resolve("report/report.html")).contains("Quality gate: passed"),
                "the report shows the gate");

        List<String> failing = new ArrayList<>(common);
        failing.addAll(List.of("--run-id", "2026-11-25", "--fail-below", "column_shapes=0.999"));
        assertEquals(4, SparkSynth.run(failing.toArray(new String[0])));
        Path rejected = dir.resolve("dt=2026-11-25");
        assertTrue(Files.isDirectory(rejected.resolve("synthetic")), "the rows are kept for inspection");
        assertFalse(Files.exists(rejected.resolve("synthetic/_SUCCESS")), "but not published");
        String page = Files.readString(rejected.resolve("report/report.html"));
        assertTrue(page.contains("Quality gate: FAILED") && page.contains("<td>column_shapes</td>")
                && page.contains("<td>failed</td>"), "the report says why the table was withheld");
        JsonNode rejectedManifest = new ObjectMapper().readTree(rejected.resolve("manifest.json").toFile());
        assertEquals("rejected by quality gate", rejectedManifest.at("/status").asText());
        assertFalse(rejectedManifest.at("/quality_gate/0/passed").asBoolean());

        List<String> unknown = new ArrayList<>(common);
        unknown.addAll(List.of("--fail-below", "no_such_metric=1"));
        assertEquals(2, SparkSynth.run(unknown.toArray(new String[0])));
    }
}
