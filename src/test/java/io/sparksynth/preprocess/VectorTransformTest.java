package io.sparksynth.preprocess;

import io.sparksynth.SynthException;
import io.sparksynth.TestSpark;
import io.sparksynth.VectorTables;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import scala.collection.Seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vector columns through preprocessing: array&lt;float&gt;, array&lt;double&gt;, array&lt;int&gt; and Spark ML
 * vectors are found with their length and shape, scaled to [-1, 1] by their range over all elements,
 * and decoded back to the same type, length and range, nulls included.
 */
class VectorTransformTest {

    @Test
    void encodeThenDecodeRestoresTypeLengthRangeAndNulls() {
        SparkSession spark = TestSpark.session();
        SynthConfig cfg = SynthConfig.load(null, List.of("schema.shapes.f=[2, 3]"));
        Dataset<Row> raw = VectorTables.table(spark, 300, 1);
        List<ColumnSpec> specs = SchemaInspector.inspect(raw, cfg.schema, cfg.transform, "test");
        assertEquals(List.of(ColumnKind.CATEGORICAL, ColumnKind.VECTOR, ColumnKind.VECTOR, ColumnKind.VECTOR,
                ColumnKind.VECTOR), specs.stream().map(ColumnSpec::kind).toList());
        assertEquals(List.of(0, 6, 6, 6, 4), specs.stream().map(ColumnSpec::length).toList());
        assertEquals(List.of(2, 3), specs.get(1).shape(), "the configured shape is recorded");
        Dataset<Row> clean = DataCleaner.clean(raw, specs, cfg.clean);
        TableTransform t = TransformFitter.fit(clean, specs, cfg.transform, cfg.seed);
        TableTransform reloaded = TableTransform.fromJson(t.toJson());
        assertEquals(t.specs(), reloaded.specs(), "kinds, lengths and shapes survive the JSON round trip");
        assertTrue(t.toJson().contains("\"shape\" : [ 2, 3 ]"), t.toJson());
        assertTrue(t.columns.get(1).spec.nullable() && !t.columns.get(2).spec.nullable()
                && t.columns.get(4).spec.nullable(), "nullability from the data");
        // one tanh block per vector (plus a value/null choice when nullable); the condition is the label only
        assertEquals(List.of(new Block(0, 2, true, 0), new Block(2, 6, false, 1), new Block(8, 2, true, 1),
                new Block(10, 6, false, 2), new Block(16, 6, false, 3), new Block(22, 4, false, 4),
                new Block(26, 2, true, 4)), t.blocks());
        assertEquals(List.of(new Block(0, 2, true, 0)), t.conditionBlocks());

        SplittableRandom rng = new SplittableRandom(1);
        List<Row> decoded = new ArrayList<>();
        int nulls = 0;
        for (Row row : clean.collectAsList()) {
            float[] e = t.encode(row);
            assertEquals(t.width(), e.length);
            assertEquals(List.of(toList(e)), List.of(toList(reloaded.encode(row))), "JSON changes the encoding");
            for (Block b : t.blocks()) {
                for (int k = b.offset(); k < b.offset() + b.width(); k++) {
                    assertTrue(e[k] >= -1 && e[k] <= 1, "tanh range: " + e[k]);
                }
            }
            Row back = t.decode(e, 0, rng);
            decoded.add(back);
            for (int c = 1; c < specs.size(); c++) {
                if (row.isNullAt(c)) {
                    assertNull(back.get(c), specs.get(c).name());
                    nulls++;
                    continue;
                }
                double[] want = values(row.get(c));
                double[] got = values(back.get(c));
                ColumnTransform ct = t.columns.get(c);
                assertEquals(want.length, got.length, "length of " + ct.spec.name());
                for (int k = 0; k < want.length; k++) {
                    double tol = ct.spec.integral() ? 0 : 1e-6 * (ct.max - ct.min);
                    assertEquals(want[k], got[k], tol, ct.spec.name() + "[" + k + "]");
                }
            }
        }
        assertTrue(nulls >= 300 / 7 + 300 / 11 - 1, "null vectors round-trip: " + nulls);

        // through Spark, as generation writes them: the real types, element types and schema
        Row first = spark.createDataFrame(decoded, t.schema()).where("f is not null and v is not null").first();
        for (String c : clean.columns()) {
            assertEquals(clean.schema().apply(c).dataType(), t.schema().apply(c).dataType(), c);
        }
        assertTrue(((Seq<?>) first.get(1)).apply(0) instanceof Float);
        assertTrue(((Seq<?>) first.get(2)).apply(0) instanceof Double);
        assertTrue(((Seq<?>) first.get(3)).apply(0) instanceof Integer);
        assertTrue(first.get(4) instanceof DenseVector);
    }

    @Test
    void anyGeneratorOutputDecodesInsideTheRealRangeAndIntegersStayIntegers() {
        SparkSession spark = TestSpark.session();
        SynthConfig cfg = SynthConfig.defaults();
        Dataset<Row> raw = VectorTables.table(spark, 100, 2);
        List<ColumnSpec> specs = SchemaInspector.inspect(raw, cfg.schema, cfg.transform, "test");
        TableTransform t = TransformFitter.fit(DataCleaner.clean(raw, specs, cfg.clean), specs, cfg.transform, 1);
        Random r = new Random(3);
        float[] e = new float[t.width()];
        for (int n = 0; n < 200; n++) {
            for (int k = 0; k < e.length; k++) {
                e[k] = (float) (3 * r.nextGaussian()); // beyond the tanh range too
            }
            Row back = t.decode(e, 0, new SplittableRandom(n));
            for (int c = 1; c < specs.size(); c++) {
                if (back.isNullAt(c)) {
                    continue;
                }
                ColumnTransform ct = t.columns.get(c);
                for (Object x : back.get(c) instanceof Vector v ? boxed(v.toArray()) : (Object[]) back.get(c)) {
                    double value = ((Number) x).doubleValue();
                    assertTrue(value >= ct.min && value <= ct.max, ct.spec.name() + ": " + value + " outside ["
                            + ct.min + ", " + ct.max + "]");
                    if (ct.spec.integral()) {
                        assertTrue(x instanceof Integer, "int elements stay ints: " + x.getClass());
                    }
                }
            }
        }
    }

    @Test
    void aVectorWithANonFiniteElementIsMissingOrRejected() {
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            double x = n == 4 ? Double.NaN : n == 9 ? Double.NEGATIVE_INFINITY : n;
            rows.add(RowFactory.create("a", new Float[]{1f, 2f}, new Double[]{0.5, x}, new Integer[]{n == 13 ? null : 1, 2},
                    Vectors.dense(n, n == 17 ? Double.POSITIVE_INFINITY : 1)));
        }
        Dataset<Row> raw = spark.createDataFrame(rows, VectorTables.SCHEMA);
        SynthConfig cfg = SynthConfig.defaults();
        List<ColumnSpec> specs = SchemaInspector.inspect(raw, cfg.schema, cfg.transform, "test");
        List<Row> clean = DataCleaner.clean(raw, specs, cfg.clean).collectAsList();
        for (int n = 0; n < 20; n++) {
            assertEquals(n == 4 || n == 9, clean.get(n).isNullAt(2), "d in row " + n);
            assertEquals(n == 13, clean.get(n).isNullAt(3), "i in row " + n);
            assertEquals(n == 17, clean.get(n).isNullAt(4), "v in row " + n);
        }
        SynthConfig strict = SynthConfig.load(null, List.of("clean.non-finite=fail"));
        SynthException e = assertThrows(SynthException.class, () -> DataCleaner.clean(raw, specs, strict.clean));
        assertEquals(SynthException.INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("column d has 2 vectors"), e.getMessage());
    }

    private static double[] values(Object v) {
        if (v instanceof Vector vec) {
            return vec.toArray();
        }
        if (v instanceof Seq<?> s) {
            double[] out = new double[s.length()];
            for (int k = 0; k < out.length; k++) {
                out[k] = ((Number) s.apply(k)).doubleValue();
            }
            return out;
        }
        Object[] a = (Object[]) v;
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = ((Number) a[k]).doubleValue();
        }
        return out;
    }

    private static Object[] boxed(double[] x) {
        return java.util.Arrays.stream(x).boxed().toArray();
    }

    private static List<Float> toList(float[] x) {
        List<Float> out = new ArrayList<>();
        for (float v : x) {
            out.add(v);
        }
        return out;
    }
}
