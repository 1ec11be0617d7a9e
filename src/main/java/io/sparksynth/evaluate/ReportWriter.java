package io.sparksynth.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparksynth.io.AtomicOutput;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the report directory atomically: metrics.json, describe.txt and report.html. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(Configuration hadoop, String dir, Evaluator.Result result) {
        try (AtomicOutput out = AtomicOutput.begin(hadoop, dir)) {
            out.fs().mkdirs(out.temp());
            out.writeText("metrics.json", JSON.writeValueAsString(result.metrics()));
            String table = DescribeTable.render(result);
            String summary = DescribeTable.summary(result);
            out.writeText("describe.txt", table + "\n" + summary);
            out.writeText("report.html", html(result, table, summary));
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String html(Evaluator.Result r, String table, String summary) {
        Map<String, Object> cols = (Map<String, Object>) r.metrics().get("columns");
        List<Map.Entry<String, Object>> worst = new ArrayList<>(cols.entrySet());
        worst.sort((a, b) -> Double.compare(shape(a.getValue()), shape(b.getValue())));
        StringBuilder rows = new StringBuilder();
        for (Map.Entry<String, Object> e : worst) {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            rows.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(c.get("kind"))
                    .append("</td><td>").append(String.format("%.4f", shape(c))).append("</td><td>")
                    .append(String.format("%.4f", ((Number) c.get("null_similarity")).doubleValue()))
                    .append("</td></tr>\n");
        }
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>sparksynth report</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:1200px}pre{background:#f6f6f6;"
                + "padding:1em;overflow-x:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:4px 8px}</style></head><body>\n"
                + "<h1>sparksynth evaluation</h1>\n<h2 id=\"summary\">Summary</h2>\n<pre>" + esc(summary) + "</pre>\n"
                + "<h2 id=\"describe\">Describe: real vs synthetic</h2>\n<pre>" + esc(table) + "</pre>\n"
                + "<h2 id=\"columns\">Per-column scores, worst first</h2>\n<table><tr><th>column</th><th>kind</th>"
                + "<th>shape (1-KS or 1-TVD)</th><th>null similarity</th></tr>\n" + rows + "</table>\n"
                + "</body></html>\n";
    }

    @SuppressWarnings("unchecked")
    private static double shape(Object column) {
        return ((Number) ((Map<String, Object>) column).get("shape")).doubleValue();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
