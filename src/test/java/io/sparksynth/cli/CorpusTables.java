package io.sparksynth.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tables of the bad-input corpus, written as Parquet under one directory. The odd table is
 * valid but awkward in every way at once (one table, so one training), the others each break one
 * rule.
 */
final class CorpusTables {
    static final String STOCKS = "data/eustock_losses.parquet";

    /**
     * 240 rows: NaN and both infinities in a double, a constant column, names with a space, a dot and
     * non-ASCII letters, the extreme longs, a decimal, a date, a timestamp and a struct (excluded).
     */
    static final String ODD_SQL = """
            SELECT
              CASE WHEN id % 40 = 0 THEN double('NaN') WHEN id % 40 = 1 THEN double('Infinity')
                   WHEN id % 40 = 2 THEN double('-Infinity') ELSE id * 1.25 - 40 END AS `price.eur`,
              2.5D AS flat,
              element_at(array('Zürich', 'Genève', 'Basel'), int(id % 3) + 1) AS `city name`,
              int(150 + id % 50) AS `größe`,
              CASE WHEN id = 0 THEN 9223372036854775807L WHEN id = 1 THEN -9223372036854775808L
                   ELSE id * 1000003L END AS big,
              CAST(id * 3.17 AS DECIMAL(12, 2)) AS amount,
              date_add(DATE'2024-01-01', int(id % 90)) AS day,
              CAST(TIMESTAMP'2024-03-01 00:00:00' + make_interval(0, 0, 0, 0, int(id % 48), int(id % 60), 0)
                   AS TIMESTAMP) AS at,
              map('a', int(id)) AS nested
            FROM range(240)""";

    private final SparkSession spark;
    private final Path dir;

    CorpusTables(SparkSession spark, Path dir) {
        this.spark = spark;
        this.dir = dir;
    }

    Path odd() {
        return write("odd.parquet", spark.sql(ODD_SQL).repartition(2));
    }

    /** One real row of the stock table. */
    Path oneRow() {
        return write("one-row.parquet", stocks().limit(1));
    }

    /** The stock table with its rows removed: a schema and no rows. */
    Path empty() {
        return write("empty.parquet", stocks().limit(0));
    }

    /** A typed column of nulls beside real columns. */
    Path nullColumn() {
        return write("null-column.parquet", stocks().selectExpr("DAX", "SMI", "CAST(NULL AS DOUBLE) AS nothing"));
    }

    /** The odd table without one of its columns: a schema that differs from the model's. */
    Path withoutCityName() {
        return write("without-city.parquet", spark.sql(ODD_SQL).drop("city name"));
    }

    /** A file named as Parquet that is not. */
    Path corrupt() {
        return text("corrupt.parquet", "this is not parquet at all");
    }

    /** A directory holding files, none of them Parquet. */
    Path noParquet() {
        Path d = dir.resolve("no-parquet");
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text("no-parquet/_SUCCESS", ""); // a marker Spark skips: the directory holds no data file
        return d;
    }

    /** An ordinary file where a directory is expected. */
    Path text(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Dataset<Row> stocks() {
        return spark.read().parquet(STOCKS);
    }

    private Path write(String name, Dataset<Row> rows) {
        Path p = dir.resolve(name);
        rows.write().parquet(p.toString());
        return p;
    }
}
