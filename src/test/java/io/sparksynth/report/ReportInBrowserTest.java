package io.sparksynth.report;

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
        for (String section : HtmlReport.SECTIONS) {
            assertTrue(dom.contains("<section id=\"" + section + "\""), "section " + section + " is shown");
        }
        assertTrue(dom.contains("data-check=\"ok\""), "every image decoded: "
                + dom.substring(Math.max(0, dom.indexOf("data-check")), Math.min(dom.length(),
                dom.indexOf("data-check") + 300 > 0 ? dom.indexOf("data-check") + 300 : 0)));
        assertTrue(dom.split("<img").length > 20, "the plots are on the page");

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        chromium(dir, "--screenshot=" + shot, "--window-size=1300,4000", html.toUri().toString());
        assertTrue(Files.size(shot) > 50_000, "screenshot written: " + shot);
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
