package io.sparksynth.preprocess;

import io.sparksynth.SynthException;
import io.sparksynth.config.CleanOptions;
import io.sparksynth.data.ColumnKind;
import io.sparksynth.data.ColumnSpec;
import io.sparksynth.data.SchemaInspector;
import io.sparksynth.data.StructColumns;
import io.sparksynth.data.TemporalColumns;
import io.sparksynth.data.VectorColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StringType;

import java.util.ArrayList;
import java.util.List;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Opt-in cleaning as Spark SQL expressions: trimming, extra missing-value markers, NaN and
 * infinities, clipping. With the defaults only non-finite numbers change (to null; a vector with a
 * null, NaN or infinite element becomes null as a whole), so values are reproduced exactly as the
 * input spells them. Clipping applies to continuous columns only. Date and timestamp columns become
 * the whole numbers of their granularity the model learns ({@link TemporalColumns}).
 */
public final class DataCleaner {
    private DataCleaner() {
    }

    /** Selects the modelled columns in spec order and applies the cleaning rules. */
    public static Dataset<Row> clean(Dataset<Row> input, List<ColumnSpec> specs, CleanOptions options) {
        Dataset<Row> df = StructColumns.flatten(input); // the model's columns are struct leaves
        List<Column> cols = new ArrayList<>();
        for (ColumnSpec s : specs) {
            Column c = col(quote(s.name()));
            if (s.temporal()) {
                c = TemporalColumns.toNumber(c, s); // learned and compared as whole units since 1970
            }
            boolean string = df.schema().apply(s.name()).dataType() instanceof StringType;
            if (string && options.trimStrings()) {
                c = trim(c);
            }
            if (string && !options.missingMarkers().isEmpty()) {
                c = when(c.isin(options.missingMarkers().toArray()), lit(null).cast("string")).otherwise(c);
            }
            if (isFloating(s)) {
                c = when(isnan(c).or(c.equalTo(Double.POSITIVE_INFINITY)).or(c.equalTo(Double.NEGATIVE_INFINITY)),
                        lit(null).cast(s.sparkType())).otherwise(c);
            } else if (s.vector()) {
                // elements have no null slot of their own: a vector with a missing element is missing as a whole
                c = when(not(VectorColumns.hasNonFinite(s)), c);
            }
            cols.add(c.as(s.name()));
        }
        Dataset<Row> out = df.select(cols.toArray(new Column[0]));
        if (options.failOnNonFinite()) {
            rejectNonFinite(df, specs);
        }
        if (!options.clipQuantiles().isEmpty()) {
            out = clip(out, specs, options.clipQuantiles());
        }
        return out;
    }

    private static boolean isFloating(ColumnSpec s) {
        return s.kind() == ColumnKind.CONTINUOUS && (s.sparkType().equals("double") || s.sparkType().equals("float"));
    }

    private static void rejectNonFinite(Dataset<Row> df, List<ColumnSpec> specs) {
        for (ColumnSpec s : specs) {
            Column c = col(quote(s.name()));
            if (isFloating(s)) {
                reject(df, s, isnan(c).or(c.equalTo(Double.POSITIVE_INFINITY)).or(c.equalTo(Double.NEGATIVE_INFINITY)),
                        "NaN or infinite values");
            } else if (s.vector()) {
                reject(df, s, VectorColumns.hasNonFinite(s), "vectors with a null, NaN or infinite element");
            }
        }
    }

    private static void reject(Dataset<Row> df, ColumnSpec s, Column bad, String what) {
        long n = df.where(bad).count();
        if (n > 0) {
            throw SynthException.input("column " + s.name() + " has " + n + " " + what + "; "
                    + "set clean.non-finite = null to treat them as missing");
        }
    }

    private static Dataset<Row> clip(Dataset<Row> df, List<ColumnSpec> specs, List<Double> q) {
        List<String> names = new ArrayList<>();
        for (ColumnSpec s : specs) {
            if (s.kind() == ColumnKind.CONTINUOUS) {
                names.add(s.name());
            }
        }
        if (names.isEmpty()) {
            return df;
        }
        double[][] bounds = df.stat().approxQuantile(SchemaInspector.quoted(names),
                new double[]{q.get(0), q.get(1)}, 1e-4);
        List<Column> cols = new ArrayList<>();
        for (ColumnSpec s : specs) {
            Column c = col(quote(s.name()));
            int i = names.indexOf(s.name());
            if (i >= 0 && bounds[i].length == 2) {
                c = when(c.isNull(), c).otherwise(
                        least(greatest(c, lit(bounds[i][0])), lit(bounds[i][1])).cast(s.valueType()));
            }
            cols.add(c.as(s.name()));
        }
        return df.select(cols.toArray(new Column[0]));
    }
}
