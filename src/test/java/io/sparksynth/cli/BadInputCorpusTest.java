package io.sparksynth.cli;

import io.sparksynth.TestSpark;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus: every way a scheduled run's input, options or model can be wrong, each
 * run through the real launcher in a process of its own, with the exit code of the contract, a
 * message naming the file, column or key and what to do, no stack trace, and nothing left behind
 * (nothing created, a previous good output untouched). Valid but odd tables train and generate
 * with their types kept. The README's corpus table lists the same cases.
 */
class BadInputCorpusTest {
    @TempDir
    static Path dir;
    static Path odd;
    static Path model;
    /** A complete synthetic output that every refused generate aims at and must leave as it was. */
    static Path good;
    static Launcher.Run oddTrain;
    static final String ODD = "odd.parquet";
    static final String MODEL = "odd-model";
    static final String GOOD = "good-output";

    /** A refused run: its exit code and the words its message must hold. */
    record Refusal(String name, int code, List<String> args, List<String> mentions) {
        static Refusal of(String name, int code, String[] args, String... mentions) {
            return new Refusal(name, code, List.of(args), List.of(mentions));
        }

        @Override
        public String toString() {
            return name + " -> " + code;
        }
    }

    @BeforeAll
    static void oddTableTrainsAndGenerates() {
        SparkSession spark = TestSpark.session();
        CorpusTables tables = new CorpusTables(spark, dir);
        odd = tables.odd();
        tables.oneRow();
        tables.empty();
        tables.nullColumn();
        tables.withoutCityName();
        tables.corrupt();
        tables.noParquet();
        tables.text("a-file.parquet", "an ordinary file where generate should write a directory");
        model = dir.resolve(MODEL);
        good = dir.resolve(GOOD);
        oddTrain = Launcher.run(quick("train", "--input", odd.toString(), "--model", model.toString()));
        assertEquals(0, oddTrain.code(), oddTrain.transcript());
        Launcher.Run generate = Launcher.run("generate", "--model", model.toString(), "--rows", "300",
                "--output", good.toString());
        assertEquals(0, generate.code(), generate.transcript());
        damagedCopiesOfTheModel();
    }

    /** A model whose training did not finish (no _SUCCESS), and one written in a future model format. */
    static void damagedCopiesOfTheModel() {
        Path incomplete = OutputDirs.copy(model, dir.resolve("model-without-success"));
        assertTrue(incomplete.resolve("_SUCCESS").toFile().delete());
        OutputDirs.edit(OutputDirs.copy(model, dir.resolve("model-from-the-future")).resolve("model.json"),
                json -> json.replaceFirst("\"format\"\\s*:\\s*1,", "\"format\" : 99,"));
    }

    static String[] quick(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(TestSpark.quickArgs());
        return all.toArray(new String[0]);
    }

    static String path(String name) {
        return dir.resolve(name).toString();
    }

    static String[] train(String input, String... extra) {
        List<String> all = new ArrayList<>(List.of("train", "--input", input, "--model", path("never-model")));
        all.addAll(Arrays.asList(extra));
        return quick(all.toArray(new String[0]));
    }

    static String[] generate(String model, String... extra) {
        List<String> all = new ArrayList<>(List.of("generate", "--model", model, "--rows", "50",
                "--output", path(GOOD)));
        all.addAll(Arrays.asList(extra));
        return all.toArray(new String[0]);
    }

    static Stream<Refusal> refusals() {
        // paths by name, not from the fields: JUnit may read this source before @BeforeAll
        String stocks = CorpusTables.STOCKS;
        return Stream.of(
                // usage and configuration: refused before Spark starts
                Refusal.of("unknown command", 2, new String[]{"frobnicate"}, "frobnicate", "train, generate"),
                Refusal.of("unknown option", 2, train(stocks, "--epochs", "2"), "--epochs", "Usage: sparksynth train"),
                Refusal.of("missing required option", 2, new String[]{"train", "--model", path("never-model")},
                        "--input", "Usage: sparksynth train"),
                Refusal.of("unknown config key", 2, train(stocks, "--set", "gan.foo=1"), "gan.foo", "gan.noise-dim"),
                Refusal.of("wrong-typed config value", 2, train(stocks, "--set", "train.averaging-frequency=abc"),
                        "train.averaging-frequency", "abc"),
                Refusal.of("out-of-range config value", 2, train(stocks, "--set", "split.holdout=1.5"),
                        "split.holdout", "[0, 1)"),
                Refusal.of("missing config file", 2, new String[]{"pipeline", "--conf", "no/such.conf"},
                        "no/such.conf"),
                Refusal.of("negative --rows", 2, new String[]{"generate", "--model", path(MODEL), "--rows", "-5",
                        "--output", path(GOOD)}, "--rows", "non-negative"),
                // input data: Spark starts, the input is at fault
                Refusal.of("missing input path", 3, train("no/such/path.parquet"), "no/such/path.parquet",
                        "does not exist", "give an existing Parquet"),
                Refusal.of("directory without Parquet files", 3, train(path("no-parquet")), path("no-parquet"),
                        "holds no Parquet files", "point --input at the Parquet data"),
                Refusal.of("corrupt Parquet", 3, train(path("corrupt.parquet")), "corrupt.parquet",
                        "Check that the path holds valid Parquet files"),
                Refusal.of("empty table", 3, train(path("empty.parquet")), "empty.parquet", "no rows"),
                Refusal.of("column of nulls", 3, train(path("null-column.parquet")), "null-column.parquet",
                        "column nothing holds only nulls", "schema.exclude"),
                Refusal.of("unsupported type with schema.unsupported=fail", 3,
                        train(path(ODD), "--set", "schema.unsupported=fail"), "odd.parquet",
                        "nested (map<string,int>)", "schema.unsupported = exclude"),
                Refusal.of("evaluate: real schema differs from the model's", 3, new String[]{"evaluate",
                        "--model", path(MODEL), "--real", path("without-city.parquet"),
                        "--synthetic", path(GOOD), "--report", path("never-report")},
                        "without-city.parquet", "no column 'city name'", "same schema"),
                // the model
                Refusal.of("model without _SUCCESS", 3, generate(path("model-without-success")),
                        "model-without-success", "no _SUCCESS", "train a model first"),
                Refusal.of("model of a future format", 3, generate(path("model-from-the-future")),
                        "model-from-the-future", "model format 99", "reads format 1",
                        "train the model again"),
                // generate's options against the model
                Refusal.of("--where on an unknown column", 2, generate(path(MODEL), "--where", "nope=1"),
                        "unknown column 'nope'", "the model's columns"),
                Refusal.of("--where with an unknown value", 2,
                        generate(path(MODEL), "--where", "city name=Atlantis"),
                        "column 'city name' has no value 'Atlantis'", "'Zürich'"),
                Refusal.of("--balance on a continuous column", 2,
                        generate(path(MODEL), "--balance", "price.eur"),
                        "column 'price.eur' is continuous", "city name"),
                Refusal.of("output path is an existing file", 2, new String[]{"generate", "--model", path(MODEL),
                        "--rows", "50", "--output", path("a-file.parquet")},
                        "a-file.parquet", "existing file", "give a directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedWithItsCodeAMessageAndNothingLeftBehind(Refusal c) {
        List<String> before = OutputDirs.snapshot(dir);
        Launcher.Run r = Launcher.run(c.args().toArray(new String[0]));
        assertEquals(c.code(), r.code(), r.transcript());
        for (String m : c.mentions()) {
            assertTrue(r.err().contains(m), "the message names \"" + m + "\": " + r.transcript());
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"),
                "no stack trace for a user's error: " + r.transcript());
        assertEquals(before, OutputDirs.snapshot(dir),
                "nothing created, the previous output and every input untouched: " + r.transcript());
    }

    /**
     * The odd table: every awkward column trains and comes back with its name, position and type;
     * the map column is excluded with a warning naming it (structs are learned: IdentifiersAndStructsTest); the constant stays constant.
     */
    @Test
    void oddButValidTableKeepsItsTypes() {
        assertTrue(oddTrain.err().contains("excluding unsupported columns [nested (map<string,int>)]"),
                oddTrain.transcript());
        SparkSession spark = TestSpark.session();
        StructType real = spark.read().parquet(odd.toString()).drop("nested").schema();
        StructType synthetic = spark.read().parquet(good.toString()).schema();
        assertEquals(Arrays.stream(real.fields()).map(BadInputCorpusTest::nameAndType).toList(),
                Arrays.stream(synthetic.fields()).map(BadInputCorpusTest::nameAndType).toList());
        assertEquals(300, spark.read().parquet(good.toString()).count());
        assertEquals(List.of(2.5), spark.read().parquet(good.toString()).select("flat").distinct()
                .as(Encoders.DOUBLE()).collectAsList());
        assertEquals(0, spark.read().parquet(good.toString())
                .where("isnan(`price.eur`) OR abs(`price.eur`) = double('Infinity')").count(),
                "non-finite values are learned as missing, not generated");
    }

    /**
     * One row cannot be split into training and holdout, but with the default split.holdout = 0 it
     * is a table like any other: every column a point mass, generated back in its types.
     */
    @Test
    void oneRowTableIsRefusedWithItsReason() {
        String oneModel = path("one-row-model");
        Launcher.Run train = Launcher.run(quick("train", "--input", path("one-row.parquet"), "--model", oneModel));
        assertEquals(3, train.code(), train.transcript());
        assertTrue(train.err().contains("one-row.parquet") && train.err().contains("single value"),
                train.transcript());
        assertFalse(train.err().contains("\tat "), "no stack trace: " + train.transcript());
        assertFalse(new java.io.File(oneModel).exists(), "no model directory left behind");
    }

    static String nameAndType(StructField f) {
        return f.name() + ": " + f.dataType().simpleString();
    }
}
