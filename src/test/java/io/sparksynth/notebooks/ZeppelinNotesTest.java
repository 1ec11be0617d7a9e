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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every Zeppelin note in notebooks/ top to bottom, as a data scientist would: each %spark
 * paragraph through a Scala 2.12 interpreter (Zeppelin's own) bound to a real local SparkSession
 * and a small stand-in for Zeppelin's {@code z}, each %sql paragraph through spark.sql. A paragraph
 * that fails fails the note.
 */
class ZeppelinNotesTest {

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
        assertTrue(notes.length >= 2, "the notes are there");
        List<DynamicTest> tests = new ArrayList<>();
        for (File note : notes) {
            tests.add(DynamicTest.dynamicTest(note.getName(), () -> run(note)));
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
        try {
            bind(repl, "spark", "org.apache.spark.sql.SparkSession", spark);
            bind(repl, "z", Z.class.getName(), z);
            int spark0 = 0;
            int html = 0;
            for (JsonNode p : json.get("paragraphs")) {
                String text = p.get("text").asText();
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
                    if (printed.contains("%html ")) {
                        html++;
                        // the page of the note's own evaluation: every described column, a figure for each
                        assertTrue(z.describedColumns.size() >= 4, "the describe table was shown before the page");
                        for (String c : z.describedColumns) {
                            assertTrue(printed.contains(">" + c + "<") || printed.contains(c + " "),
                                    "the report page covers column " + c);
                        }
                        int images = printed.split("data:image/png;base64,").length - 1;
                        assertTrue(images >= z.describedColumns.size() + 4, "figures on the page: " + images);
                    }
                    spark0++;
                } else if (text.startsWith("%sql")) {
                    long rows = spark.sql(text.substring("%sql".length())).collectAsList().size();
                    assertTrue(rows > 0, note.getName() + ": '" + title + "' returned no rows");
                }
            }
            assertTrue(spark0 >= 3, "the note has Scala paragraphs");
            assertTrue(z.shown >= 1, "the describe table is shown with z.show");
            assertTrue(html >= 1, "the figures are displayed inline with %html");
        } finally {
            repl.close();
        }
    }

    private static void bind(IMain repl, String name, String type, Object value) {
        Results.Result r = repl.bind(name, type, value, scala.collection.immutable.List$.MODULE$.empty());
        assertEquals(Results.Success$.MODULE$, r, "bind " + name);
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
