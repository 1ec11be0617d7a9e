package io.sparksynth.data;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Integer columns that are only a code for a categorical column (Adult's {@code education-num},
 * 16 values, of {@code education}) are categorical, whatever their number of values: the transform
 * then derives them from their source (see {@code preprocess.DerivedColumns}), so every synthetic row
 * keeps the real pairing. Learned as continuous numbers they would be generated apart from the category
 * they name, and a detector finds the mismatched pairs at once. Other integers with more than
 * {@code schema.integer-categorical-max-distinct} values stay continuous, keeping their order.
 */
final class IntegerLabels {
    private static final Logger LOG = LoggerFactory.getLogger(IntegerLabels.class);

    private IntegerLabels() {
    }

    /**
     * {@code specs} with each continuous whole-number column that is an exact function of a
     * categorical column made categorical; {@code forcedContinuous} columns are left as they are.
     * A source needs {@code minRowsPerValue} non-null rows per value ({@code transform.dependency-min-rows},
     * as {@code DerivedColumns} will require), so the relation is the table's, not a key's.
     * One distributed pass, and only when there is a candidate on each side.
     */
    static List<ColumnSpec> promote(Dataset<Row> df, List<ColumnSpec> specs, Map<String, long[]> distinct,
                                    Collection<String> forcedContinuous, int minRowsPerValue) {
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (ColumnSpec s : specs) {
            long[] d = distinct.get(s.name());
            if (s.kind() == ColumnKind.CATEGORICAL && (d == null || d[0] * minRowsPerValue <= d[1])) {
                sources.add(s.name());
            } else if (s.kind() == ColumnKind.CONTINUOUS && d != null && d[0] <= DependencyScan.MAX_SOURCE_VALUES
                    && !forcedContinuous.contains(s.name())) {
                targets.add(s.name()); // d is counted for whole numbers and strings only
            }
        }
        if (sources.isEmpty() || targets.isEmpty()) {
            return specs;
        }
        List<String> names = new ArrayList<>(sources);
        names.addAll(targets);
        DependencyScan scan = DependencyScan.of(df, names, DependencyScan.MAX_SOURCE_VALUES);
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec s : specs) {
            int t = targets.indexOf(s.name());
            String source = null;
            for (int i = 0; t >= 0 && i < sources.size() && source == null; i++) {
                if (scan.depends(i, sources.size() + t)) {
                    source = sources.get(i);
                }
            }
            if (source == null) {
                out.add(s);
                continue;
            }
            LOG.info("{} ({} values) is a function of categorical {}: categorical, to be derived from it",
                    s.name(), distinct.get(s.name())[0], source);
            out.add(new ColumnSpec(s.name(), s.sparkType(), ColumnKind.CATEGORICAL, s.nullable(), s.length(),
                    s.shape(), s.granularity()));
        }
        return out;
    }
}
