package io.sparksynth.sink;

import io.sparksynth.SynthException;
import io.sparksynth.config.CatalogOptions;
import io.sparksynth.config.OutputFormat;
import io.sparksynth.io.TableName;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output targets and the checks against an existing table, without Spark: table names, run ids,
 * where a run's files go, and every refusal as exit 2 naming the table and what is at fault.
 */
@Tag("fast")
class OutputTargetTest {
    static final TableName SYNTH = new TableName("db", "synth");
    static final CatalogOptions DEFAULTS = new CatalogOptions("", "", "");

    @Test
    void tableNamesAndRunIds() {
        assertEquals(SYNTH, TableName.parse("table:db.synth"));
        assertEquals(new TableName("default", "synth"), TableName.parse("table:synth"));
        for (String bad : List.of("table:", "table:db.bad-name", "table:a.b.c", "table:1db.x", "table:db.")) {
            refused(() -> TableName.parse(bad), bad, "table:db.name");
        }
        refused(() -> new OutputTarget("table:db.synth", OutputFormat.PARQUET, "2026/11/25"), "--run-id");
        refused(() -> new OutputTarget("", OutputFormat.PARQUET, null), "--output");
    }

    @Test
    void aRunsFilesGoUnderTheOutputOrTheArtifactsDirectory() {
        assertEquals("out/dt=2026-11-25", new OutputTarget("out/", OutputFormat.DELTA, "2026-11-25").runDir(DEFAULTS));
        assertEquals("out", new OutputTarget("out", OutputFormat.PARQUET, null).runDir(DEFAULTS));
        OutputTarget table = new OutputTarget("table:db.synth", OutputFormat.PARQUET, "2026-11-25");
        assertEquals("output/db.synth/dt=2026-11-25", table.runDir(DEFAULTS));
        assertEquals("/runs/synth/dt=2026-11-25", table.runDir(new CatalogOptions("", "", "/runs/synth")));
    }

    @Test
    void anExistingTableMustHaveTheFormatAndPartitioningOfTheRun() {
        TableShapes.require(SYNTH, "parquet", List.of("dt"), OutputFormat.PARQUET, "x");
        TableShapes.require(SYNTH, "delta", List.of(), OutputFormat.DELTA, null);
        refused(() -> TableShapes.require(SYNTH, "delta", List.of("dt"), OutputFormat.PARQUET, "x"),
                "table db.synth is a delta table", "--format delta");
        refused(() -> TableShapes.require(SYNTH, "hive", List.of("dt"), OutputFormat.PARQUET, "x"),
                "table db.synth is a hive table", "parquet or delta tables");
        refused(() -> TableShapes.require(SYNTH, "parquet", List.of("dt"), OutputFormat.PARQUET, null),
                "table db.synth is partitioned by [dt]", "pass --run-id");
        refused(() -> TableShapes.require(SYNTH, "parquet", List.of(), OutputFormat.PARQUET, "x"),
                "table db.synth is not partitioned", "leave out --run-id");
        refused(() -> TableShapes.require(SYNTH, "parquet", List.of("day"), OutputFormat.PARQUET, "x"),
                "partitioned by [day]");
    }

    @Test
    void rowsMustHaveTheTablesColumnsInOrderWithTheirTypes() {
        StructType table = new StructType().add("a", DataTypes.DoubleType).add("c", DataTypes.StringType);
        TableSchemas.requireSame(SYNTH, table, new StructType().add("A", DataTypes.DoubleType, false)
                .add("c", DataTypes.StringType));
        refused(() -> TableSchemas.requireSame(SYNTH, table, new StructType().add("a", DataTypes.DoubleType)
                .add("c", DataTypes.StringType).add("d", DataTypes.DateType)), "table db.synth has no column 'd' (date)");
        refused(() -> TableSchemas.requireSame(SYNTH, table, new StructType().add("a", DataTypes.DoubleType)),
                "table db.synth has column 'c' (string), which the model does not write");
        refused(() -> TableSchemas.requireSame(SYNTH, table, new StructType().add("a", DataTypes.IntegerType)
                .add("c", DataTypes.StringType)), "column 'a' as double, the model writes it as int");
        refused(() -> TableSchemas.requireSame(SYNTH, table, new StructType().add("c", DataTypes.StringType)
                .add("a", DataTypes.DoubleType)), "in another order");
        refused(() -> TableSchemas.requireNoRunColumn(SYNTH, new StructType().add("dt", DataTypes.StringType)),
                "column named 'dt'", "--run-id");
    }

    static void refused(Executable e, String... mentions) {
        SynthException x = assertThrows(SynthException.class, e);
        assertEquals(SynthException.USAGE, x.exitCode(), x.getMessage());
        for (String m : mentions) {
            assertTrue(x.getMessage().contains(m), "\"" + m + "\" in: " + x.getMessage());
        }
    }
}
