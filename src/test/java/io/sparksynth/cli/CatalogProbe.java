package io.sparksynth.cli;

import io.sparksynth.config.CatalogOptions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads an embedded catalog as another job would: a JVM of its own (Derby's embedded metastore
 * admits one JVM at a time) with a session set up as the commands set theirs up, running SQL
 * statements and printing their rows. {@link #query} runs it and returns the rows per statement.
 */
final class CatalogProbe {
    private static final String MARK = "== ";

    private CatalogProbe() {
    }

    /** args: the catalog's local directory, then SQL statements. */
    public static void main(String[] args) {
        SparkSession spark = SparkSessions.getOrCreate("probe",
                new SessionCatalogs(true, true, new CatalogOptions(args[0], "", "")));
        for (int i = 1; i < args.length; i++) {
            System.out.println(MARK + args[i]);
            for (Row r : spark.sql(args[i]).collectAsList()) {
                System.out.println(r.mkString("|"));
            }
        }
        spark.stop();
    }

    /** The rows each statement returned, as {@code col|col|...} lines, by statement. */
    static Map<String, List<String>> query(Path catalog, String... sql) {
        try {
            Path out = Files.createTempFile("catalog-probe-", ".out");
            Path err = Files.createTempFile("catalog-probe-", ".err");
            try {
                List<String> cmd = new ArrayList<>(List.of("bash", "-c", "source submit-scripts/java17-flags.sh && "
                        + "exec java \"${JAVA17_OPENS[@]}\" -Xmx1g -Dspark.master=local[2] -Dspark.ui.enabled=false "
                        + "-Dlog4j2.configurationFile=conf/log4j2.properties -cp \"$CP\" " + CatalogProbe.class.getName()
                        + " \"$@\"", "probe", catalog.toString()));
                cmd.addAll(List.of(sql));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().put("CP", System.getProperty("java.class.path"));
                Process p = pb.start();
                if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("catalog probe failed:\n" + Files.readString(err));
                }
                Map<String, List<String>> rows = new LinkedHashMap<>();
                List<String> current = null;
                for (String line : Files.readAllLines(out)) {
                    if (line.startsWith(MARK)) {
                        current = new ArrayList<>();
                        rows.put(line.substring(MARK.length()), current);
                    } else if (current != null) {
                        current.add(line);
                    }
                }
                return rows;
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
