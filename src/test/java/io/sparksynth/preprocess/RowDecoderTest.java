package io.sparksynth.preprocess;

import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Generation's decoder into internal rows gives exactly what decoding into external rows gives,
 * once Spark converts those: the same values, nulls and "other" spellings, with the same random
 * draws consumed, on random one-hot rows (rare and folded categories included, fresh or copied, and
 * identifiers made from the row's global index).
 */
class RowDecoderTest {

    @ParameterizedTest
    @CsvSource({
            "data/adult.parquet, 'clean.trim-strings=true,transform.max-categories=8'",
            "src/test/resources/pima_diabetes_na.parquet, ''",
            "keyed, ''", "keyed, 'transform.rare-values=copy'"})
    void sameValuesAsExternalRowsConverted(String path, String extra) {
        SparkSession spark = TestSpark.session();
        List<String> overrides = extra.isEmpty() ? List.of() : List.of(extra.split(","));
        SynthConfig cfg = SynthConfig.load(null, overrides);
        Dataset<Row> raw = path.equals("keyed") ? keyed(spark) : spark.read().parquet(path);
        List<ColumnSpec> specs = SchemaInspector.inspect(raw, cfg.schema, cfg.transform, path);
        TableTransform t = TransformFitter.fit(DataCleaner.clean(raw, specs, cfg.clean), specs, cfg.transform,
                cfg.seed);
        int rows = 3000;
        SplittableRandom noise = new SplittableRandom(5);
        float[] encoded = new float[rows * t.width()];
        for (int r = 0; r < rows; r++) {
            for (Block block : t.blocks()) {
                int o = r * t.width() + block.offset();
                if (block.softmax()) {
                    encoded[o + noise.nextInt(block.width())] = 1f;
                } else {
                    for (int k = 0; k < block.width(); k++) {
                        encoded[o + k] = (float) noise.nextDouble(-1, 1);
                    }
                }
            }
        }
        RowDecoder decoder = new RowDecoder(t);
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int r = 0; r < rows; r++) {
            InternalRow fast = decoder.decode(encoded, r * t.width(), a, 5000 + r);
            Row slow = t.decode(encoded, r * t.width(), b, 5000 + r);
            for (int i = 0; i < specs.size(); i++) {
                Object want = CatalystTypeConverters.createToCatalystConverter(specs.get(i).valueDataType())
                        .apply(slow.get(i));
                assertEquals(want, fast.get(i, specs.get(i).valueDataType()), specs.get(i).name() + ", row " + r);
            }
        }
        assertEquals(a.nextLong(), b.nextLong(), "the same draws consumed");
    }

    /** Identifiers (a string and an int, with nulls) and a string column with a rare tail, in memory. */
    private static Dataset<Row> keyed(SparkSession spark) {
        return spark.range(0, 2000).selectExpr(
                "case when id % 10 = 9 then null else concat('ID-', cast(id * 7 as string), 'x') end as uid",
                "case when id % 20 = 7 then null else cast(id * 3 as int) end as num",
                "case when id % 10 = 0 then concat('rare_', cast(id div 10 as string)) "
                        + "when id % 3 = 0 then 'red' else 'blue' end as cat",
                "cast(id % 97 as double) as x");
    }
}
