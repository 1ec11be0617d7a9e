package io.sparksynth.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every Zeppelin note in notebooks/ top to bottom, as a data scientist would: each %spark
 * paragraph through a Scala 2.12 interpreter (Zeppelin's own) bound to a real local SparkSession
 * and a small stand-in for Zeppelin's {@code z}, each %sql paragraph through spark.sql. A paragraph
 * that fails fails the note; a report page a note shows must cover the columns it described; and a
 * note listed in {@link #EXPECTED} must print what it lists and return the rows it lists. Each
 * paragraph's and each note's time is printed. {@code -Dsparksynth.notes=mnist} runs only the notes
 * whose file name contains "mnist", for working on one note (the build runs them all).
 */
class ZeppelinNotesTest {

    /**
     * What a note must show beyond running without an error.
     *
     * @param printed strings its Scala paragraphs must print (in any paragraph): the lines a note prints
     *                only after its own {@code require} checks passed, and the sections of its %html pages
     * @param sqlRows rows a %sql paragraph, by title, must return
     */
    record Expected(List<String> printed, Map<String, Integer> sqlRows) {
    }

    static final Map<String, Expected> EXPECTED = Map.of(
            "adult-quickstart.zpln", new Expected(List.of("synthetic rows, all with income >50K"), Map.of()),
            "mnist-gan.zpln", new Expected(List.of(
                    // the note's own checks
                    "checked: the encoded pixels lie in [-1, 1], a blank pixel is -1",
                    "checked: all 500 conditioned rows are 7s",
                    "checked: 100 rows of each of the 10 labels",
                    "checked: image metrics and the augmentation experiment (k = 10, 50)",
                    // its own figures: the loss curves and the generated digits
                    "%html <img alt=\"losses\" src=\"data:image/png;base64,",
                    "<tr><td>9</td><td><img alt=\"digits\" src=\"data:image/png;base64,",
                    // the report page's image section: metrics beside their references, the grid, the experiment
                    "<section id=\"images\">",
                    "<h3>pixels (28 x 28, label label)</h3>",
                    "label fidelity: share the CNN assigns to the row's label",
                    "alt=\"images-pixels\"",
                    "<h4>Augmentation: the CNN on k real images per class",
                    "alt=\"images-augmentation-pixels\""),
                    Map.of("Digits per label", 10)));

    /** The report page's heading: a paragraph printing it shows the page of the note's evaluation. */
    private static final String REPORT_PAGE = "<h1>sparksynth: real vs synthetic</h1>";

    /** The part of ZeppelinContext the notes use. */
    public static final class Z {
        public int shown;
        /** The columns listed by the last describe table shown (Reports.describe has a "column" field). */
        public List<String> describedColumns = List.of();

        public void show(Dataset<?> df) {
            df.show(50, false);
            shown++;
            if (Arrays.asList(df.columns()).contains("column")) {
                describedColumns = df.select("column").distinct().collectAsList().stream()
                        .map(r -> r.getString(0)).toList();
            }
        }
    }

    @TestFactory
    List<DynamicTest> everyNoteRunsTopToBottom() {
        File[] notes = Objects.requireNonNull(new File("notebooks").listFiles((d, n) -> n.endsWith(".zpln")));
        Arrays.sort(notes);
        assertTrue(notes.length >= 3, "the notes are there");
        for (String name : EXPECTED.keySet()) {
            assertTrue(new File("notebooks", name).isFile(), "notebooks/" + name + " exists");
        }
        String only = System.getProperty("sparksynth.notes", "");
        List<DynamicTest> tests = new ArrayList<>();
        for (File note : notes) {
            if (note.getName().contains(only)) {
                tests.add(DynamicTest.dynamicTest(note.getName(), () -> run(note)));
            }
        }
        return tests;
    }

    static void run(File note) throws Exception {
        SparkSession spark = TestSpark.session();
        JsonNode json = new ObjectMapper().readTree(note);
        Settings settings = new Settings();
        settings.usejavacp().v_$eq(true);
        StringWriter replOut = new StringWriter();
        IMain repl = new IMain(settings, new PrintWriter(replOut, true));
        Z z = new Z();
        Expected expected = EXPECTED.getOrDefault(note.getName(), new Expected(List.of(), Map.of()));
        StringBuilder allPrinted = new StringBuilder();
        List<String> sqlTitles = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        try {
            bind(repl, "spark", "org.apache.spark.sql.SparkSession", spark);
            bind(repl, "z", Z.class.getName(), z);
            int spark0 = 0;
            int html = 0;
            int pages = 0;
            for (JsonNode p : json.get("paragraphs")) {
                String text = p.get("text").asText();
                long paragraphStart = System.nanoTime();
                String title = p.path("title").asText();
                if (text.startsWith("%spark")) {
                    String code = text.substring("%spark".length());
                    ByteArrayOutputStream console = new ByteArrayOutputStream();
                    PrintStream old = System.out;
                    Results.Result r;
                    try (PrintStream capture = new PrintStream(console, true)) {
                        System.setOut(capture);
                        r = scala.Console.withOut(capture, new scala.runtime.AbstractFunction0<Results.Result>() {
                            @Override
                            public Results.Result apply() {
                                return repl.interpret(code);
                            }
                        });
                    } finally {
                        System.setOut(old);
                    }
                    String printed = console.toString();
                    assertEquals(Results.Success$.MODULE$, r, note.getName() + ": paragraph '" + title + "' failed:\n"
                            + tail(replOut.toString()) + tail(printed));
                    allPrinted.append(printed);
                    if (printed.contains("%html ")) {
                        html++;
                        assertTrue(printed.contains("data:image/png;base64,"), note.getName() + ": paragraph '"
                                + title + "' shows a figure");
                    }
                    if (printed.contains(REPORT_PAGE)) {
                        pages++;
                        // the page of the note's own evaluation: every described column, a figure for each
                        assertTrue(z.describedColumns.size() >= 2, "the describe table was shown before the page");
                        for (String c : z.describedColumns) {
                            assertTrue(printed.contains(">" + c + "<") || printed.contains(c + " "),
                                    "the report page covers column " + c);
                        }
                        int images = printed.split("data:image/png;base64,").length - 1;
                        assertTrue(images >= z.describedColumns.size() + 4, "figures on the page: " + images);
                    }
                    spark0++;
                    System.out.printf("  %s: '%s' %.1f s%n", note.getName(), title,
                            (System.nanoTime() - paragraphStart) / 1e9);
                } else if (text.startsWith("%sql")) {
                    long rows = spark.sql(text.substring("%sql".length())).collectAsList().size();
                    assertTrue(rows > 0, note.getName() + ": '" + title + "' returned no rows");
                    sqlTitles.add(title);
                    System.out.printf("  %s: '%s' %.1f s%n", note.getName(), title,
                            (System.nanoTime() - paragraphStart) / 1e9);
                    if (expected.sqlRows().containsKey(title)) {
                        assertEquals((long) expected.sqlRows().get(title), rows, note.getName() + ": rows of '"
                                + title + "'");
                    }
                }
            }
            for (String line : expected.printed()) {
                assertTrue(allPrinted.toString().contains(line), note.getName() + " printed: " + line);
            }
            assertTrue(sqlTitles.containsAll(expected.sqlRows().keySet()), note.getName() + " has the %sql paragraphs "
                    + expected.sqlRows().keySet());
            assertTrue(spark0 >= 3, "the note has Scala paragraphs");
            assertTrue(z.shown >= 1, "the describe table is shown with z.show");
            assertTrue(html >= 1, "the figures are displayed inline with %html");
            assertTrue(pages >= 1, "the report page of the note's evaluation is shown");
        } finally {
            repl.close();
            // the CPU time beside the wall time: on a shared machine the wall time says little by itself
            System.out.printf("%s ran in %.0f s (%.0f s of CPU in this JVM)%n", note.getName(),
                    (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void bind(IMain repl, String name, String type, Object value) {
        Results.Result r = repl.bind(name, type, value, scala.collection.immutable.List$.MODULE$.empty());
        assertEquals(Results.Success$.MODULE$, r, "bind " + name);
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
