package io.sparksynth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksynth.TestSpark;
import io.sparksynth.api.GanSynthesizer;
import io.sparksynth.api.GanSynthesizerModel;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.Granularity;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.data.TemporalColumns;
import io.sparksynth.preprocess.DataCleaner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table of every scalar column type a data lake holds (date, timestamps of several granularities,
 * timestamp_ntz, decimal, int, boolean, string, with nulls) comes back from training, the Spark ML
 * API, {@code generate} and {@code pipeline} with its schema, ranges, granularities and null shares.
 */
class ColumnTypesTest {
    private static final String NEW_YORK = "America/New_York";

    /**
     * 600 rows: d a date over two years (10 % null), d_few a date of 5 values, ts_hour whole UTC
     * hours, ts_fine microseconds (12.5 % null), ntz half seconds of wall-clock time, amount
     * decimal(10,2), qty int in [-200, 299], flag boolean (1/6 null), cat string.
     */
    private static Dataset<Row> table(SparkSession spark) {
        return spark.range(0, 600).selectExpr(
                "case when id % 10 = 3 then null else date_add(date'2020-01-01', cast(pmod(id * 37, 700) as int)) end as d",
                "date_add(date'2024-06-01', cast(id % 5 as int)) as d_few",
                "timestamp_micros(1672531200000000 + pmod(id * 7919, 5000) * 3600000000) as ts_hour",
                "case when id % 8 = 1 then null else timestamp_micros(1700000000000000 + pmod(id * 104729, 1000003) * 1013) end as ts_fine",
                "make_timestamp_ntz(2024, 1 + cast(id % 12 as int), 1 + cast(id % 28 as int), cast(id % 24 as int), "
                        + "cast(pmod(id * 7, 60) as int), cast(id % 60 as decimal(8,6)) + 0.5) as ntz",
                "cast(pmod(id * 13, 10000) / 100 as decimal(10,2)) as amount",
                "cast(pmod(id * 31, 500) - 200 as int) as qty", // 500 values in 600 rows: not an identifier
                "case when id % 6 = 2 then null else id % 3 = 0 end as flag",
                "case when id % 4 = 0 then 'a' when id % 4 = 1 then 'b' else 'c' end as cat");
    }

    @Test
    void everyScalarTypeComesBackWithItsSchemaRangeGranularityAndNulls(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        String input = dir.resolve("real").toString();
        table(spark).write().parquet(input);
        Dataset<Row> real = spark.read().parquet(input);

        GanSynthesizerModel m = new GanSynthesizer().setEpochs(3).setBatchSize(50).setWorkers(2)
                .setGeneratorLayers(32).setDiscriminatorLayers(32).setNoiseDim(8).setSeed(5).fit(real);
        Map<String, ColumnSpec> specs = m.model().transform().specs().stream()
                .collect(Collectors.toMap(ColumnSpec::name, Function.identity()));
        assertEquals(Granularity.DAY, specs.get("d").granularity());
        assertEquals(Granularity.HOUR, specs.get("ts_hour").granularity());
        assertEquals(Granularity.MICROSECOND, specs.get("ts_fine").granularity());
        assertEquals(Granularity.MILLISECOND, specs.get("ntz").granularity());
        assertEquals(null, specs.get("qty").granularity());
        assertEquals(ColumnKind.CATEGORICAL, specs.get("d_few").kind(), "5 dates: categorical, as few integers are");
        assertEquals(ColumnKind.CONTINUOUS, specs.get("d").kind());

        Dataset<Row> a = m.sample(2000, 3, 2);
        assertEquals(List.of(real.schema().fields()).stream().map(f -> f.name() + " " + f.dataType()).toList(),
                List.of(a.schema().fields()).stream().map(f -> f.name() + " " + f.dataType()).toList(),
                "names, order and types of the generated rows");
        for (StructField f : a.schema().fields()) {
            assertEquals(real.where(col(f.name()).isNull()).count() > 0, f.nullable(),
                    f.name() + ": nullable as the real column's values are, like every column");
        }

        String model = dir.resolve("model").toString();
        m.save(model);
        String out = dir.resolve("synthetic").toString();
        assertEquals(0, SparkSynth.run("generate", "--model", model, "--rows", "2000", "--seed", "3",
                "--output", out));
        Dataset<Row> synth = spark.read().parquet(out);
        assertEquals(real.schema(), synth.schema(), "the written table has the input's schema");
        assertEquals(rows(a), rows(synth), "the CLI generates the same rows from the saved model");
        assertEquals(rows(a), rows(GanSynthesizerModel.load(model).sample(2000, 3, 5)),
                "the loaded model generates the same rows (other partitioning)");

        for (String c : List.of("d", "d_few", "ts_hour", "ts_fine", "ntz", "amount", "qty")) {
            Row range = real.agg(min(c), max(c)).first();
            long outside = synth.where(col(c).lt(lit(range.get(0))).or(col(c).gt(lit(range.get(1))))).count();
            assertEquals(0, outside, c + ": generated values within the real range " + range);
            long distinct = synth.agg(countDistinct(col(c))).first().getLong(0);
            assertTrue(distinct >= (c.equals("d_few") ? 5 : 100), c + " keeps its spread: " + distinct + " values");
        }
        assertEquals(0, synth.where(expr("pmod(unix_micros(ts_hour), 3600000000) != 0")).count(),
                "whole hours stay whole hours");
        assertEquals(0, synth.where(expr("date_part('SECOND', ntz) * 1000 != floor(date_part('SECOND', ntz) * 1000)"))
                .count(), "whole milliseconds of wall-clock time stay whole milliseconds");
        assertTrue(synth.where(expr("pmod(unix_micros(ts_fine), 1000) != 0")).count() > 1000,
                "microsecond timestamps are not rounded");
        assertEquals(2, synth.where(col("flag").isNotNull()).select("flag").distinct().count(), "both booleans");
        assertEquals(2, ((BigDecimal) synth.where(col("amount").isNotNull()).first().getAs("amount")).scale());

        double realRows = real.count();
        for (String c : List.of("d", "ts_fine", "flag")) {
            double want = real.where(col(c).isNull()).count() / realRows;
            double got = synth.where(col(c).isNull()).count() / 2000.0;
            assertTrue(Math.abs(got - want) < 0.05, c + ": null share " + got + " against the real " + want);
        }

        String zone = spark.conf().get("spark.sql.session.timeZone");
        try {
            spark.conf().set("spark.sql.session.timeZone", NEW_YORK);
            assertSameRows(rows(a), rows(m.sample(2000, 3, 2)), "the same rows in another session time zone");
        } finally {
            spark.conf().set("spark.sql.session.timeZone", zone);
        }

        Dataset<Row> onlyA = m.sample(300, 4, Map.of("cat", "a"));
        assertEquals(300, onlyA.where(col("cat").equalTo("a")).count(), "--where keeps working beside dates");
        assertEquals(real.schema().apply("ntz").dataType(), onlyA.schema().apply("ntz").dataType());
    }

    /**
     * {@code pipeline} on a table with dates and timestamps: trained on 80 %, generated, evaluated
     * against the held-out 20 % with the temporal columns compared as numbers, published.
     */
    @Test
    void pipelineComparesTemporalColumnsWithTheHoldout(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        String input = dir.resolve("real").toString();
        table(spark).select("d", "ts_hour", "ntz", "qty", "cat").write().parquet(input);
        Path conf = Files.writeString(dir.resolve("temporal.conf"), "input = \"" + input + "\"\noutput = \""
                + dir.resolve("out") + "\"\nsplit.holdout = 0.2\n");
        List<String> args = new ArrayList<>(List.of("pipeline", "--conf", conf.toString()));
        args.addAll(TestSpark.quickArgs("train.epochs=3"));
        assertEquals(0, SparkSynth.run(args.toArray(new String[0])));
        assertEquals(spark.read().parquet(input).schema(),
                spark.read().parquet(dir.resolve("out/synthetic").toString()).schema());
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve("out/report/metrics.json").toFile());
        assertTrue(metrics.at("/rows/real").asLong() < 200, "evaluated against the holdout: " + metrics.at("/rows"));
        for (String c : List.of("d", "ts_hour", "ntz")) {
            double ks = metrics.at("/columns/" + c + "/ks").asDouble(Double.NaN);
            assertTrue(ks >= 0 && ks < 0.25, c + ": KS " + ks + " against the holdout");
        }
    }

    /**
     * timestamp_ntz wall-clock times, including one in New York's spring-forward gap, one in its
     * repeated autumn hour and some before 1970, become the same numbers in any session time zone
     * and come back exactly; so do the columns of the test table.
     */
    @Test
    void timestampNtzRoundTripsExactlyInANonUtcZone(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        String zone = spark.conf().get("spark.sql.session.timeZone");
        SynthConfig cfg = SynthConfig.load(null, List.of());
        String input = dir.resolve("real").toString();
        table(spark).write().parquet(input);
        Dataset<Row> real = spark.read().parquet(input);
        List<ColumnSpec> tableSpecs = SchemaInspector.inspect(real, cfg.schema, cfg.transform, input);
        List<String> utc = rows(DataCleaner.clean(real, tableSpecs, cfg.clean));
        try {
            spark.conf().set("spark.sql.session.timeZone", NEW_YORK);
            assertEquals(tableSpecs, SchemaInspector.inspect(real, cfg.schema, cfg.transform, input));
            assertSameRows(utc, rows(DataCleaner.clean(real, tableSpecs, cfg.clean)),
                    "the numbers learned do not depend on the session time zone");
            Dataset<Row> df = spark.sql("select n, cast(n as timestamp) as t from values "
                    + "(timestamp_ntz'2021-03-14 02:30:00.123456'), (timestamp_ntz'2021-11-07 01:30:00'), "
                    + "(timestamp_ntz'1969-12-31 23:59:59.999999'), (timestamp_ntz'1900-01-01 00:00:00'), "
                    + "(null) as v(n)");
            List<ColumnSpec> specs = SchemaInspector.inspect(df, cfg.schema, cfg.transform, "values");
            assertEquals(Granularity.MICROSECOND, specs.get(0).granularity());
            ColumnSpec ntz = specs.get(0);
            ColumnSpec ts = specs.get(1);
            Dataset<Row> numbers = df.select(TemporalColumns.toNumber(col("n"), ntz).as("n"),
                    TemporalColumns.toNumber(col("t"), ts).as("t"));
            assertEquals(List.of(1615689000123456L, 1636248600000000L, -1L, -2208988800000000L),
                    numbers.where("n is not null").select("n").as(org.apache.spark.sql.Encoders.LONG()).collectAsList(),
                    "microseconds of the wall clock, as if it were UTC");
            Dataset<Row> back = TemporalColumns.toTemporal(numbers, specs);
            assertEquals(df.schema().apply("n").dataType(), back.schema().apply("n").dataType());
            assertEquals(df.collectAsList(), back.collectAsList(), "both directions are exact");
        } finally {
            spark.conf().set("spark.sql.session.timeZone", zone);
        }
    }

    /** Equal lists of rows; else the first that differs, not thousands of rows. */
    private static void assertSameRows(List<String> want, List<String> got, String what) {
        assertEquals(want.size(), got.size(), what);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), got.get(i), what + ": row " + i + " (sorted)");
        }
    }

    private static List<String> rows(Dataset<Row> d) {
        List<String> out = new ArrayList<>();
        for (Row r : d.collectAsList()) {
            out.add(r.toString());
        }
        out.sort(String::compareTo);
        return out;
    }
}
