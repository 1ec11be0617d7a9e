package io.sparksynth.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparksynth.io.AtomicOutput;
import io.sparksynth.report.HtmlReport;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.conf.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes the report directory atomically: metrics.json, describe.txt, report.html and plots/*.png. */
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
            HtmlReport.Page page = HtmlReport.render(result.metrics(), summary, table, result.plots(),
                    result.history());
            out.writeText("report.html", page.html());
            for (Map.Entry<String, byte[]> img : page.images().entrySet()) {
                try (FSDataOutputStream o = out.fs().create(new Path(out.temp(), "plots/" + img.getKey()), true)) {
                    o.write(img.getValue());
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }
}
