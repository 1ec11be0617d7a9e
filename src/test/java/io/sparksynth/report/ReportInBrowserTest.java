package io.sparksynth.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.cli.SparkSynth;
import io.sparksynth.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report as a person sees it: headless Chromium loads report.html (self-contained, no
 * network), every section is there and every image decodes; a screenshot is kept in
 * target/report-screenshot.png. CI installs Debian's chromium; without it the test fails.
 */
class ReportInBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void reportRendersEverySectionAndImage(@TempDir Path dir) throws Exception {
        assertTrue(new File(CHROMIUM).canExecute(), "Chromium is not installed at " + CHROMIUM
                + ": install Debian's chromium (apt-get install chromium; .ci/run does)");
        TestSpark.session();
        assertEquals(0, SparkSynth.run("pipeline", "--conf", "conf/adult.conf", "--set", "output=" + dir,
                "--set", "train.epochs=2", "--set", "gan.generator-layers=[64]", "--set", "gan.discriminator-layers=[64]",
                "--set", "evaluate.sample-rows=5000"));
        Path html = dir.resolve("report/report.html");
        String page = Files.readString(html);
        assertTrue(!page.contains("http://") && !page.contains("https://"), "no network fetches");

        String dom = chromium(dir, "--dump-dom", "--virtual-time-budget=10000", html.toUri().toString());
        // each section must hold its content, not only its heading: the page is written whatever the data
        JsonNode columns = new ObjectMapper().readTree(dir.resolve("report/metrics.json").toFile()).at("/columns");
        int all = columns.size();
        int continuous = 0;
        for (JsonNode c : columns) {
            continuous += c.path("kind").asText().equals("continuous") ? 1 : 0;
        }
        assertTrue(all == 15 && continuous >= 2, "Adult's 15 columns, some continuous: " + continuous);
        for (String section : HtmlReport.SECTIONS) {
            String body = section(dom, section);
            int images = body.split("<img").length - 1;
            switch (section) {
                case "summary" -> assertTrue(body.contains("column_shapes"), "the summary shows the scores");
                case "describe" -> assertTrue(body.contains("hours-per-week") && body.contains("synthetic"),
                        "the describe table lists the columns, real and synthetic");
                case "columns" -> assertEquals(all, body.split("<tr>").length - 2, "one row per column");
                case "pairs" -> {
                    assertTrue(body.contains("pairs scored"), "the pair section says how many pairs were scored");
                    assertEquals(20, body.split("<tr>").length - 2, "the 20 worst of Adult's pairs, worst first");
                }
                case "correlation" -> assertEquals(3, images, "real, synthetic and difference heatmaps");
                case "meanstd", "pca" -> assertEquals(2, images, section + ": real and synthetic figures");
                case "cumulative" -> assertEquals(continuous, images, "one cumulative plot per continuous column");
                case "distributions" -> assertEquals(all, images, "one histogram or bar chart per column");
                case "losses", "augmentation" -> assertEquals(1, images, section + " figure");
                case "images" -> assertEquals(0, images, "Adult has no image column");
                default -> throw new AssertionError("no check for section " + section);
            }
        }
        assertTrue(dom.contains("data-check=\"ok\""), "every image decoded: "
                + dom.substring(Math.max(0, dom.indexOf("data-check")), Math.min(dom.length(),
                dom.indexOf("data-check") + 300 > 0 ? dom.indexOf("data-check") + 300 : 0)));

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        chromium(dir, "--screenshot=" + shot, "--window-size=1300,4000", html.toUri().toString());
        assertTrue(Files.size(shot) > 50_000, "screenshot written: " + shot);
    }

    /** The DOM of one section, from its opening tag to its end. */
    static String section(String dom, String id) {
        int start = dom.indexOf("<section id=\"" + id + "\"");
        assertTrue(start >= 0, "section " + id + " is shown");
        int end = dom.indexOf("</section>", start);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    static String chromium(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("chromium-profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return out;
    }
}
