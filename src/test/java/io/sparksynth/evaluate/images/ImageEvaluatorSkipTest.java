package io.sparksynth.evaluate.images;

import io.sparksynth.config.EvaluateOptions;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.io.Progress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the image metrics do not apply they are skipped before any table is read (the tables here are
 * null), with the reason on the console; tables without image columns get nothing and say nothing.
 */
@Tag("fast")
class ImageEvaluatorSkipTest {
    private static final ColumnSpec LABEL = new ColumnSpec("label", "int", ColumnKind.CATEGORICAL, false);
    private static final ColumnSpec SIZE = new ColumnSpec("size", "double", ColumnKind.CONTINUOUS, false);
    private static final ColumnSpec PIXELS = new ColumnSpec("pixels", "array<float>", ColumnKind.VECTOR, false, 784,
            List.of(28, 28));
    private static final ColumnSpec TINY = new ColumnSpec("tiny", "array<float>", ColumnKind.VECTOR, false, 9,
            List.of(3, 3));
    private static final ColumnSpec FLAT = new ColumnSpec("flat", "array<float>", ColumnKind.VECTOR, false, 6,
            List.of());

    private static String skipped(List<ColumnSpec> specs, String target, boolean enabled) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageEvaluator.Result r = ImageEvaluator.evaluate(null, null, null, specs,
                new EvaluateOptions(target, 1000, 0, 0, 2000, enabled, List.of(10), 10), 1,
                new Progress(new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(r.scores().isEmpty() && r.figures().isEmpty());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachReasonIsSaid() {
        assertTrue(skipped(List.of(LABEL, PIXELS), "", true).contains(
                "image metrics skipped for pixels: no label column: set evaluate.target"));
        assertTrue(skipped(List.of(LABEL, SIZE, PIXELS), "size", true).contains(
                "evaluate.target 'size' is not a categorical column (it is continuous)"));
        assertTrue(skipped(List.of(LABEL, PIXELS), "label", false).contains("evaluate.images.enabled is false"));
        assertTrue(skipped(List.of(LABEL, TINY), "label", true).contains(
                "image metrics skipped for tiny: its images are smaller than 4 x 4"));
        assertEquals("", skipped(List.of(LABEL, FLAT), "label", true), "a vector without a shape is no image");
        assertEquals("", skipped(List.of(LABEL, SIZE), "label", true));
    }
}
