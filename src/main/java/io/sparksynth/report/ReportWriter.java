package io.sparksynth.report;

import io.sparksynth.evaluate.EvaluationResult;
import io.sparksynth.evaluate.QualityGate;
import io.sparksynth.io.AtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the report directory atomically: metrics.json, describe.txt, report.html, plots/*.png and
 * each image column's sample grid as images-&lt;column&gt;.png.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** @param gate the quality gate's checks, shown on the page (why a table was not published); empty for none */
    public static void write(Configuration hadoop, String dir, EvaluationResult result, List<QualityGate.Check> gate) {
        try (AtomicOutput out = AtomicOutput.begin(hadoop, dir)) {
            out.fs().mkdirs(out.temp());
            out.writeText("metrics.json", result.metrics().toJson());
            String table = DescribeTable.render(result);
            String summary = DescribeTable.summary(result);
            out.writeText("describe.txt", table + "\n" + summary);
            HtmlReport.Page page = HtmlReport.render(result, summary, table, gate);
            out.writeText("report.html", page.html());
            for (Map.Entry<String, byte[]> img : page.images().entrySet()) {
                try (FSDataOutputStream o = out.fs().create(new Path(out.temp(), "plots/" + img.getKey()), true)) {
                    o.write(img.getValue());
                }
            }
            for (Map.Entry<String, byte[]> file : page.files().entrySet()) {
                try (FSDataOutputStream o = out.fs().create(new Path(out.temp(), file.getKey()), true)) {
                    o.write(file.getValue());
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }
}
