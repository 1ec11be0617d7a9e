package io.sparksynth.cli;

import io.sparksynth.TestSpark;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.FreshValues;
import io.sparksynth.preprocess.TableTransform;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Struct columns, identifiers and rare values through {@code train} and {@code generate}: structs
 * come back nested with the input's schema and null share, identifiers unique, of the real shape
 * and never real, rare string values fresh (or real with {@code transform.rare-values=copy}), and a
 * column of 100,000 distinct strings trains into a small model.
 */
class IdentifiersAndStructsTest {

    private static int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(TestSpark.quickArgs());
        return SparkSynth.run(all.toArray(new String[0]));
    }

    private static Dataset<Row> trainAndGenerate(Path dir, String name, Dataset<Row> table, int rows,
                                                 String... settings) {
        SparkSession spark = TestSpark.session();
        String input = dir.resolve(name + "-real").toString();
        table.write().parquet(input);
        List<String> train = new ArrayList<>(List.of("train", "--input", input, "--model",
                dir.resolve(name + "-model").toString()));
        for (String s : settings) {
            train.add("--set");
            train.add(s);
        }
        assertEquals(0, run(train.toArray(new String[0])));
        String out = dir.resolve(name + "-synthetic").toString();
        assertEquals(0, run("generate", "--model", dir.resolve(name + "-model").toString(), "--rows",
                String.valueOf(rows), "--seed", "4", "--output", out));
        return spark.read().parquet(out);
    }

    private static TableTransform transform(Path dir, String name) throws IOException {
        return TableTransform.fromJson(Files.readString(dir.resolve(name + "-model").resolve("transform.json")));
    }

    @Test
    void nestedNullableStructsComeBackWithTheInputSchema(@TempDir Path dir) {
        SparkSession spark = TestSpark.session();
        Dataset<Row> table = spark.range(0, 600).selectExpr(
                "cast(pmod(id * 37, 1000) as double) / 10 as x",
                "case when id % 10 = 0 then null else named_struct('a', cast(pmod(id * 13, 30) as int), "
                        + "'t', case when id % 7 = 3 then null else named_struct('x', case when id % 3 = 0 then 'p' "
                        + "when id % 3 = 1 then 'q' else 'r' end, 'd', date_add(date'2021-01-01', "
                        + "cast(pmod(id * 11, 365) as int))) end) end as s");
        Dataset<Row> synth = trainAndGenerate(dir, "struct", table, 1000);
        Dataset<Row> real = spark.read().parquet(dir.resolve("struct-real").toString());
        assertEquals(real.schema(), synth.schema(), "names, order, types and nullability as read back");
        assertEquals(1000, synth.count());
        Row range = real.agg(min("s.a"), max("s.a"), min("s.t.d"), max("s.t.d")).first();
        assertEquals(0, synth.where(col("s.a").lt(range.get(0)).or(col("s.a").gt(range.get(1)))).count());
        assertEquals(0, synth.where(col("s.t.d").lt(range.get(2)).or(col("s.t.d").gt(range.get(3)))).count());
        assertEquals(0, synth.where(col("s.t.x").isNotNull().and(col("s.t.x").isin("p", "q", "r").unary_$bang()))
                .count());
        long nullStructs = synth.where(col("s").isNull()).count();
        assertTrue(nullStructs > 10 && nullStructs < 300, "about 10 % null structs: " + nullStructs);
        assertTrue(synth.where(col("s").isNotNull().and(col("s.t").isNull())).count() > 10, "null inner structs");
    }

    /** 3,000 rows: uid a unique string (10 % null), num a unique bigint (5 % null), cat 3 colours and a rare tail. */
    private static Dataset<Row> keyed(SparkSession spark) {
        return spark.range(0, 3000).selectExpr(
                "case when id % 10 = 9 then null else concat('usr_', lpad(cast(pmod(id * 7919, 1000003) as string), "
                        + "7, '0')) end as uid",
                "case when id % 20 = 7 then null else id * 3 + 1000000 end as num",
                "case when id % 10 = 0 then concat('rare_', cast(pmod((id div 10) * 17, 100) as string)) "
                        + "when id % 3 = 0 then 'red' when id % 3 = 1 then 'green' else 'blue' end as cat",
                "cast(pmod(id * 37, 1000) as double) / 10 as x");
    }

    @Test
    void identifiersAreFreshUniqueAndRareValuesNeverReal(@TempDir Path dir) throws IOException {
        SparkSession spark = TestSpark.session();
        Dataset<Row> synth = trainAndGenerate(dir, "keyed", keyed(spark), 4000).cache();
        Dataset<Row> real = spark.read().parquet(dir.resolve("keyed-real").toString());
        TableTransform t = transform(dir, "keyed");
        Map<String, ColumnTransform> cols = t.columns.stream().collect(Collectors.toMap(c -> c.spec.name(), c -> c));
        assertEquals(ColumnKind.IDENTIFIER, cols.get("uid").spec.kind());
        assertEquals(ColumnKind.IDENTIFIER, cols.get("num").spec.kind());
        assertTrue(cols.get("uid").fresh.distinctRatio > 0.95 && cols.get("uid").fresh.guaranteed());
        assertEquals(0, cols.get("uid").width() + cols.get("num").width(), "identifiers take no slots");
        assertEquals(2, t.identifiers().size());
        assertTrue(t.identifiers().get(0).startsWith("uid (") && t.identifiers().get(0).endsWith("% distinct)"));

        long uids = synth.where(col("uid").isNotNull()).count();
        assertEquals(uids, synth.select("uid").where(col("uid").isNotNull()).distinct().count(), "unique");
        assertTrue(uids > 3200 && uids < 3800, "about 10 % null: " + uids);
        assertEquals(0, synth.join(real, "uid").count(), "no real identifier");
        assertEquals(Set.of("aaa_9999999"), patterns(synth, "uid"), "the real shape");
        long nums = synth.where(col("num").isNotNull()).count();
        assertEquals(nums, synth.select("num").where(col("num").isNotNull()).distinct().count(), "unique");
        assertTrue(nums > 3600 && nums < 3960, "about 5 % null: " + nums);
        long realMax = real.agg(max("num")).first().getLong(0);
        assertEquals(0, synth.where(col("num").leq(realMax)).count(), "past the real maximum");

        // rare values: fresh, never a real one; the frequent colours keep about their shares
        assertTrue(cols.get("cat").freshOther() && cols.get("cat").otherValues.isEmpty());
        Set<String> realCats = new HashSet<>(real.select("cat").distinct().as(Encoders.STRING()).collectAsList());
        List<String> generated = synth.select("cat").as(Encoders.STRING()).collectAsList();
        List<String> tail = generated.stream().filter(v -> !Set.of("red", "green", "blue").contains(v)).toList();
        assertFalse(tail.isEmpty(), "the rare tail is generated");
        assertTrue(tail.stream().noneMatch(realCats::contains), "no real rare value: " + tail.subList(0, 5));
        assertTrue(tail.stream().allMatch(v -> FreshValues.pattern(v).matches("aaaa_99?")), "rare shape " + tail);
        for (String colour : List.of("red", "green", "blue")) {
            double share = generated.stream().filter(colour::equals).count() / 4000.0;
            assertTrue(Math.abs(share - 0.3) < 0.15, colour + " share " + share);
        }
        synth.unpersist();

        Dataset<Row> copied = trainAndGenerate(dir, "copied", keyed(spark), 4000, "transform.rare-values=copy");
        Set<String> values = new HashSet<>(copied.select("cat").distinct().as(Encoders.STRING()).collectAsList());
        values.remove(null);
        assertTrue(realCats.containsAll(values), "copy: only real spellings " + values);
        assertTrue(values.stream().anyMatch(v -> v.startsWith("rare_")), "copy: real rare values appear");
    }

    private static Set<String> patterns(Dataset<Row> d, String c) {
        return d.where(col(c).isNotNull()).select(c).as(Encoders.STRING()).collectAsList().stream()
                .map(FreshValues::pattern).collect(Collectors.toSet());
    }

    @Test
    void hundredThousandDistinctStringsTrainIntoASmallModel(@TempDir Path dir) throws IOException {
        SparkSession spark = TestSpark.session();
        Dataset<Row> table = spark.range(0, 100_000).selectExpr(
                "concat('K', cast(pmod(id * 7919, 1000003) as string)) as key",
                "case when id % 2 = 0 then concat('common', cast(id % 5 as string)) "
                        + "else concat('C', cast(pmod(id * 31, 100000) as string)) end as code",
                "cast(pmod(id * 37, 1000) as double) / 10 as x");
        Dataset<Row> synth = trainAndGenerate(dir, "wide", table, 2000, "train.epochs=1");
        assertEquals(2000, synth.count());
        long bytes;
        try (Stream<Path> files = Files.walk(dir.resolve("wide-model"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes < 3_000_000, "model of " + bytes + " bytes: no distinct values collected");
        TableTransform t = transform(dir, "wide");
        assertEquals(ColumnKind.IDENTIFIER, t.columns.get(0).spec.kind());
        assertEquals(5, t.columns.get(1).categories.size(), "the five frequent codes, the rest fresh");
        assertEquals(2000, synth.select("key").distinct().count());
    }
}
