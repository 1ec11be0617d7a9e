package io.sparksynth.preprocess;

import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * A bounded sample chosen by a seeded hash of each row's content: the same rows are picked
 * whatever the partitioning, and at most about {@code maxRows} reach the driver.
 */
public final class FitSample {
    private static final long BUCKETS = 1_000_000L;

    private FitSample() {
    }

    /** Rows whose seeded content hash falls in the first {@code fraction} of buckets. */
    public static Dataset<Row> byHash(Dataset<Row> data, double fraction, long seed) {
        if (fraction >= 1) {
            return data;
        }
        return data.where(pmod(rowHash(data, seed), lit(BUCKETS)).lt(lit((long) Math.ceil(fraction * BUCKETS))));
    }

    /** A seeded 64-bit hash of all columns of a row: the canonical key for splits, samples and ordering. */
    public static Column rowHash(Dataset<Row> data, long seed) {
        List<Column> cols = new ArrayList<>();
        cols.add(lit(seed));
        for (String c : data.columns()) {
            cols.add(col(quote(c)));
        }
        return xxhash64(cols.toArray(new Column[0]));
    }

    static Map<Integer, double[]> continuousValues(Dataset<Row> data, List<ColumnSpec> specs, int maxRows,
                                                   long rows, long seed) {
        List<Integer> idx = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).kind() == ColumnKind.CONTINUOUS) {
                idx.add(i);
                cols.add(col(quote(specs.get(i).name())).cast("double"));
            }
        }
        Map<Integer, double[]> out = new HashMap<>();
        if (idx.isEmpty()) {
            return out;
        }
        List<Row> sample = byHash(data, (double) maxRows / Math.max(rows, 1), seed)
                .select(cols.toArray(new Column[0])).collectAsList();
        for (int j = 0; j < idx.size(); j++) {
            final int jj = j;
            out.put(idx.get(j), sample.stream().filter(r -> !r.isNullAt(jj)).mapToDouble(r -> r.getDouble(jj))
                    .sorted().toArray());
        }
        return out;
    }
}
