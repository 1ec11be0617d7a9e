package io.sparksynth.preprocess;

import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoding a real row and decoding it restores the value, its type and its nullness: categories
 * exactly, continuous values up to one float32 step of the encoding, and integers exactly wherever
 * that step is at most half an integer (everywhere but the sparse tail of a wide column such as
 * Adult's fnlwgt under quantile normalisation, where neighbouring floats are integers apart).
 */
class TransformRoundTripTest {

    @ParameterizedTest
    @CsvSource({
            "data/eustock_losses.parquet, quantile, ''",
            "data/eustock_losses.parquet, minmax, ''",
            "data/eustock_losses.parquet, standard, ''",
            "data/adult.parquet, quantile, clean.trim-strings=true",
            "data/adult.parquet, mode-specific, clean.trim-strings=true",
            "src/test/resources/pima_diabetes_na.parquet, quantile, ''",
            "src/test/resources/pima_diabetes_na.parquet, minmax, ''"})
    void encodeThenDecodeRestoresRows(String path, String normalisation, String extra) {
        SparkSession spark = TestSpark.session();
        List<String> overrides = extra.isEmpty() ? List.of("transform.continuous=" + normalisation)
                : List.of("transform.continuous=" + normalisation, extra, "clean.missing-markers=[\"?\"]",
                        // every value its own category: a round trip restores each row's spelling
                        "transform.rare-values=copy", "transform.rare-min-count=1");
        SynthConfig cfg = SynthConfig.load(null, overrides);
        Dataset<Row> raw = spark.read().parquet(path);
        List<ColumnSpec> specs = SchemaInspector.inspect(raw, cfg.schema, cfg.transform, path);
        Dataset<Row> clean = DataCleaner.clean(raw, specs, cfg.clean);
        TableTransform t = TransformFitter.fit(clean, specs, cfg.transform, cfg.seed);
        TableTransform reloaded = TableTransform.fromJson(t.toJson());
        SplittableRandom rng = new SplittableRandom(1);
        int nulls = 0;
        int[] offsets = offsets(t);
        TableTransform unrounded = asDoubles(t);
        for (Row row : clean.limit(2000).collectAsList()) {
            float[] e = t.encode(row);
            assertEquals(t.width(), e.length);
            assertArrayEquals(e, reloaded.encode(row), "JSON round trip changes the encoding of " + row);
            Row back = t.decode(e, 0, rng);
            for (int i = 0; i < specs.size(); i++) {
                ColumnTransform c = t.columns.get(i);
                Object want = row.isNullAt(i) ? null : row.get(i);
                Object got = back.get(i);
                if (want == null) {
                    assertNull(got, c.spec.name());
                    nulls++;
                    continue;
                }
                assertEquals(want.getClass(), got.getClass(), "type of " + c.spec.name());
                if (c.continuous()) {
                    double x = ((Number) want).doubleValue();
                    double y = ((Number) got).doubleValue();
                    double step = floatStep(unrounded.columns.get(i), e, offsets[i]);
                    // integers: exact wherever the float32 encoding resolves them (one step <= 0.5)
                    double tol = c.spec.integral() ? (step <= 0.5 ? 0 : step + 0.5)
                            : step + 1e-12 * Math.max(1, Math.abs(x));
                    assertTrue(Math.abs(x - y) <= tol, c.spec.name() + " (" + normalisation + "): " + want
                            + " decodes to " + got + " (one float32 step of the encoding moves it by " + step + ")");
                } else {
                    assertEquals(want, got, c.spec.name());
                }
            }
        }
        if (path.contains("pima")) {
            assertTrue(nulls > 0, "pima has nulls that must round-trip");
            assertTrue(t.columns.stream().anyMatch(c -> c.spec.nullable()), "nullable columns are detected");
        }
    }

    /** Where each column's slice starts in the encoded row. */
    private static int[] offsets(TableTransform t) {
        int[] o = new int[t.columns.size()];
        for (int i = 1; i < o.length; i++) {
            o[i] = o[i - 1] + t.columns.get(i - 1).width();
        }
        return o;
    }

    /** The same transform decoding every continuous column to an unrounded double. */
    private static TableTransform asDoubles(TableTransform t) {
        TableTransform copy = TableTransform.fromJson(t.toJson());
        for (ColumnTransform c : copy.columns) {
            if (c.continuous()) {
                c.spec = new ColumnSpec(c.spec.name(), "double", c.spec.kind(), c.spec.nullable());
            }
        }
        return copy;
    }

    /**
     * The encoding's resolution at a value: how far the unrounded decoded value moves when the
     * column's float32 value slot moves by one float step either way (0 without a value slot).
     * The encoding is a float32 vector, so decoding can be asked to be exact only up to this;
     * measured before any rounding to the column's type, so that a rounding error cannot hide in it.
     */
    private static double floatStep(ColumnTransform unrounded, float[] encoded, int offset) {
        if (!unrounded.hasValue()) {
            return 0;
        }
        double at = (Double) unrounded.decode(encoded, offset, new SplittableRandom(1));
        double step = 0;
        for (float moved : new float[]{Math.nextUp(encoded[offset]), Math.nextDown(encoded[offset])}) {
            float[] e = encoded.clone();
            e[offset] = moved;
            step = Math.max(step, Math.abs((Double) unrounded.decode(e, offset, new SplittableRandom(1)) - at));
        }
        return step;
    }

    @ParameterizedTest
    @CsvSource({"quantile", "mode-specific", "minmax"})
    void zeroInflatedColumnGetsAnExactPointMass(String normalisation) {
        SparkSession spark = TestSpark.session();
        SynthConfig cfg = SynthConfig.load(null, List.of("transform.continuous=" + normalisation));
        Dataset<Row> raw = spark.read().parquet("data/adult.parquet");
        List<ColumnSpec> specs = SchemaInspector.inspect(raw, cfg.schema, cfg.transform, "adult");
        TableTransform t = TransformFitter.fit(DataCleaner.clean(raw, specs, cfg.clean), specs, cfg.transform, 1);
        ColumnTransform gain = t.columns.stream().filter(c -> c.spec.name().equals("capital-gain")).findFirst()
                .orElseThrow();
        assertTrue(gain.components.stream().anyMatch(p -> p.pointMass() && p.center() == 0.0),
                "capital-gain (92 % zeros) has a point mass at 0: " + gain.components);
        float[] e = new float[t.width()];
        int offset = 0;
        for (ColumnTransform c : t.columns) {
            if (c == gain) {
                break;
            }
            offset += c.width();
        }
        gain.encode(0, e, offset);
        assertEquals(0, ((Number) gain.decode(e, offset, new SplittableRandom(1))).intValue());
        assertFalse(gain.components.isEmpty());
    }
}
