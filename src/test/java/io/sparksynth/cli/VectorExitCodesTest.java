package io.sparksynth.cli;

import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exit codes of vector columns, through the command line: the input's fault is 3, the config's is 2. */
class VectorExitCodesTest {
    @TempDir
    static Path dir;
    /** label int, pixels array&lt;float&gt; of length 12, ragged array&lt;double&gt; of length 3 or 4 */
    static String input;

    @BeforeAll
    static void writeInput() {
        SparkSession spark = TestSpark.session();
        StructType schema = new StructType().add("label", DataTypes.IntegerType)
                .add("pixels", DataTypes.createArrayType(DataTypes.FloatType))
                .add("ragged", DataTypes.createArrayType(DataTypes.DoubleType));
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            Float[] p = new Float[12];
            java.util.Arrays.fill(p, n / 40f);
            rows.add(RowFactory.create(n % 3, p, n % 5 == 0 ? new Double[]{1.0, 2.0, 3.0, 4.0}
                    : new Double[]{1.0, 2.0, 3.0}));
        }
        input = dir.resolve("input").toString();
        spark.createDataFrame(rows, schema).write().parquet(input);
    }

    private static Object[] train(String... sets) {
        List<String> args = new ArrayList<>(List.of("train", "--input", input, "--model",
                dir.resolve("model").toString()));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return ExitCodesTest.runCapturing(args.toArray(new String[0]));
    }

    @Test
    void aVectorOfVaryingLengthIsAnInputErrorNamingTheColumnOrIsExcluded() {
        Object[] r = train("schema.unsupported=fail");
        assertEquals(3, r[0]);
        assertTrue(((String) r[1]).contains("ragged (array<double> of varying length 3 to 4)"), (String) r[1]);
        assertFalse(new File(dir.toFile(), "model").exists());

        Dataset<Row> data = TestSpark.session().read().parquet(input);
        SynthConfig defaults = SynthConfig.defaults();
        List<ColumnSpec> specs = SchemaInspector.inspect(data, defaults.schema, defaults.transform, input);
        assertEquals(List.of("label", "pixels"), specs.stream().map(ColumnSpec::name).toList(),
                "excluded with a warning by default");
        assertEquals(12, specs.get(1).length());
    }

    @Test
    void aShapeThatDoesNotFitIsAUsageErrorNamingItsKey() {
        for (String[] c : new String[][]{
                {"schema.shapes.pixels=[4, 4]", "config key schema.shapes.pixels is [4, 4] (16 elements) but column "
                        + "pixels holds vectors of length 12"},
                {"schema.shapes.label=[1, 1]", "config key schema.shapes.label gives an image shape to column label"},
                {"schema.shapes.nothing=[3, 4]", "config key schema.shapes.nothing names column 'nothing'"},
                {"schema.shapes.pixels=[12]", "config key schema.shapes.pixels must be [height, width]"},
                {"schema.categorical=[pixels]", "schema.categorical lists 'pixels' but it is a vector column"}}) {
            Object[] r = train(c[0]);
            assertEquals(2, r[0], c[0]);
            assertTrue(((String) r[1]).contains(c[1]), c[0] + ": " + r[1]);
        }
        assertFalse(new File(dir.toFile(), "model").exists());
    }
}
