package io.sparksynth.preprocess;

import io.sparksynth.SynthException;
import io.sparksynth.TestSpark;
import io.sparksynth.config.SynthConfig;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.generate.ConditionRequest;
import io.sparksynth.generate.SyntheticGenerator;
import io.sparksynth.io.Progress;
import io.sparksynth.model.GanModel;
import io.sparksynth.workflow.Workflow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Columns that are a function of another: found exactly, in one pass, the same whatever the
 * partitioning; derived on output so that every synthetic row keeps the relation; conditions on them
 * become conditions on their source. The table: {@code code} (6 values), {@code name} one-to-one
 * with it, {@code region} many-to-one (null for one code), {@code almost} like {@code region} but
 * contradicted in one row, {@code id} unique per row, {@code x} continuous.
 */
class DerivedColumnsTest {
    static SparkSession spark;
    static Dataset<Row> real;

    @BeforeAll
    static void table() {
        spark = TestSpark.session();
        real = spark.range(600).selectExpr("id", "CAST(pmod(hash(id, 7), 6) AS INT) AS k",
                        "pmod(hash(id, 8), 1000) / 1000.0 AS u")
                .selectExpr("CONCAT('c', k) AS code", "CONCAT('name of c', k) AS name",
                        "CASE WHEN k < 2 THEN 'north' WHEN k < 5 THEN 'south' END AS region",
                        "CASE WHEN (k < 3) = (id = 17) THEN 'east' ELSE 'west' END AS almost",
                        "CONCAT('id-', id) AS id", "CAST(k + u AS DOUBLE) AS x")
                .cache();
    }

    private static TableTransform fit(Dataset<Row> rows, String... settings) {
        SynthConfig cfg = TestSpark.quickConfig(settings);
        List<ColumnSpec> specs = SchemaInspector.inspect(rows, cfg.schema, cfg.transform, "t");
        Dataset<Row> clean = DataCleaner.clean(rows, specs, cfg.clean);
        return TransformFitter.fit(clean, specs, cfg.transform, cfg.seed);
    }

    private static ColumnTransform column(TableTransform t, String name) {
        return t.columns.stream().filter(c -> c.spec.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void exactDependenciesAreDerivedFromTheLearnedSource() {
        TableTransform t = fit(real);
        assertEquals("code", column(t, "name").derivedFrom, "one-to-one: the first of the two is learned");
        assertEquals("code", column(t, "region").derivedFrom);
        assertFalse(column(t, "code").derived());
        assertFalse(column(t, "almost").derived(), "one contradicting row: not a dependency");
        assertFalse(column(t, "id").derived());
        // nothing is derived from a near-unique key: its mapping would copy real rows
        assertTrue(t.columns.stream().noneMatch(c -> "id".equals(c.derivedFrom)));
        // region is null for code c5: the mapping keeps the null
        ColumnTransform region = column(t, "region");
        assertNull(region.deriveFrom("c5"));
        assertEquals("south", region.deriveFrom("c3"));
        assertEquals(0, region.width(), "a derived column has no encoded slots");
        assertEquals(List.of("name (of code, 6 values)", "region (of code, 6 values)"), t.derivations());
    }

    @Test
    void theSameDependenciesWhateverThePartitioning() {
        assertEquals(fit(real.repartition(1)).toJson(), fit(real.repartition(7)).toJson());
    }

    @Test
    void canBeSwitchedOff() {
        TableTransform t = fit(real, "transform.derive-dependent-columns=false");
        assertTrue(t.columns.stream().noneMatch(ColumnTransform::derived));
    }

    @Test
    void aFewRowsPerValueAreNotEnoughToDeriveFrom() {
        // 600 rows and 6 codes: 100 rows per value; asking for 101 turns the dependencies off
        TableTransform t = fit(real, "transform.dependency-min-rows=101");
        assertTrue(t.columns.stream().noneMatch(ColumnTransform::derived));
    }

    @Test
    void everySyntheticRowHoldsTheRelationAndConditionsGoThroughTheSource() {
        GanModel model = Workflow.fit(real, TestSpark.quickConfig(), "t", Progress.silent());
        assertEquals(List.of("name (of code, 6 values)", "region (of code, 6 values)"),
                model.transform().derivations());
        Dataset<Row> synth = SyntheticGenerator.generate(spark, model, 2000, 3, 5);
        Map<String, String> region = Map.of("c0", "north", "c1", "north", "c2", "south", "c3", "south",
                "c4", "south");
        for (Row r : synth.select("code", "name", "region").collectAsList()) {
            String code = r.getString(0);
            assertEquals("name of " + code, r.getString(1));
            assertEquals(region.get(code), r.isNullAt(2) ? null : r.getString(2), code);
        }
        assertTrue(synth.select("code").distinct().count() >= 5, "the source still varies");

        Dataset<Row> named = SyntheticGenerator.generate(spark, model, 300, 2, 5,
                ConditionRequest.where(Map.of("name", "name of c4")));
        assertEquals(300, named.where(col("code").equalTo("c4").and(col("name").equalTo("name of c4"))).count());

        SynthException manyToOne = assertThrows(SynthException.class, () -> SyntheticGenerator.generate(spark,
                model, 10, 1, 5, ConditionRequest.where(Map.of("region", "south"))));
        assertEquals(SynthException.USAGE, manyToOne.exitCode());
        assertTrue(manyToOne.getMessage().contains("condition on code instead"), manyToOne.getMessage());

        SynthException contradiction = assertThrows(SynthException.class, () -> SyntheticGenerator.generate(spark,
                model, 10, 1, 5, ConditionRequest.where(Map.of("name", "name of c4", "code", "c1"))));
        assertTrue(contradiction.getMessage().contains("contradicts"), contradiction.getMessage());
    }
}
