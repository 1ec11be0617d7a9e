package io.sparksynth.data;

import io.sparksynth.SynthException;
import io.sparksynth.config.SchemaOptions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies every input column as continuous or categorical. Floating point and decimal
 * columns are continuous; strings and booleans categorical; integers categorical when they
 * have few distinct values. Config overrides win. Nested, map, binary and temporal columns
 * are unsupported: excluded with a warning, or rejected (exit 3), per config.
 */
public final class SchemaInspector {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaInspector.class);

    private SchemaInspector() {
    }

    /** The supported columns, in input order, with their kind; nullability is settled later from data. */
    public static List<ColumnSpec> inspect(Dataset<Row> df, SchemaOptions options, String source) {
        List<String> names = Arrays.asList(df.columns());
        for (List<String> listed : List.of(options.categorical(), options.continuous(), options.exclude())) {
            for (String n : listed) {
                if (!names.contains(n)) {
                    throw SynthException.usage("config lists column '" + n + "' (schema.*) but " + source
                            + " has no such column; its columns are " + names);
                }
            }
        }
        List<StructField> candidates = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            if (options.exclude().contains(f.name())) {
                continue;
            }
            if (supported(f.dataType())) {
                candidates.add(f);
            } else {
                unsupported.add(f.name() + " (" + f.dataType().simpleString() + ")");
            }
        }
        if (!unsupported.isEmpty()) {
            if (options.failOnUnsupported()) {
                throw SynthException.input(source + " has columns of unsupported types: " + unsupported
                        + ". Exclude them (schema.exclude) or set schema.unsupported = exclude");
            }
            LOG.warn("excluding columns of unsupported types from {}: {}", source, unsupported);
            System.err.println("WARNING: excluding unsupported columns " + unsupported);
        }
        if (candidates.isEmpty()) {
            throw SynthException.input(source + " has no columns sparksynth can model (numeric, string or boolean)");
        }
        Map<String, Long> distinct = integerDistinctCounts(df, candidates, options);
        List<ColumnSpec> specs = new ArrayList<>();
        for (StructField f : candidates) {
            ColumnKind kind = classify(f, options, distinct);
            specs.add(new ColumnSpec(f.name(), f.dataType().simpleString(), kind, true));
        }
        return specs;
    }

    static boolean supported(DataType t) {
        return t instanceof IntegralType || t instanceof FloatType || t instanceof DoubleType
                || t instanceof DecimalType || t instanceof StringType || t instanceof BooleanType;
    }

    private static ColumnKind classify(StructField f, SchemaOptions options, Map<String, Long> distinct) {
        if (options.categorical().contains(f.name())) {
            return ColumnKind.CATEGORICAL;
        }
        if (options.continuous().contains(f.name())) {
            if (f.dataType() instanceof StringType || f.dataType() instanceof BooleanType) {
                throw SynthException.usage("schema.continuous lists '" + f.name() + "' but it is of type "
                        + f.dataType().simpleString() + ": only numeric columns can be continuous");
            }
            return ColumnKind.CONTINUOUS;
        }
        DataType t = f.dataType();
        if (t instanceof StringType || t instanceof BooleanType) {
            return ColumnKind.CATEGORICAL;
        }
        if (t instanceof IntegralType) {
            return distinct.get(f.name()) <= options.integerCategoricalMaxDistinct()
                    ? ColumnKind.CATEGORICAL : ColumnKind.CONTINUOUS;
        }
        return ColumnKind.CONTINUOUS;
    }

    /** One distributed pass counting (approximately, 1 % error) the distinct values of integer columns. */
    private static Map<String, Long> integerDistinctCounts(Dataset<Row> df, List<StructField> fields,
                                                           SchemaOptions options) {
        List<Column> aggs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StructField f : fields) {
            if (f.dataType() instanceof IntegralType && !options.categorical().contains(f.name())
                    && !options.continuous().contains(f.name())) {
                aggs.add(functions.approx_count_distinct(functions.col(quote(f.name())), 0.01));
                names.add(f.name());
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        if (aggs.isEmpty()) {
            return out;
        }
        Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), r.getLong(i));
        }
        return out;
    }

    /** Column names may hold dashes or dots (Adult's "education-num"): always quote them. */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
