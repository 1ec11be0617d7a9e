package io.sparksynth.data;

import io.sparksynth.SynthException;
import io.sparksynth.config.SchemaOptions;
import io.sparksynth.config.TransformOptions;
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
 * Classifies every input column as continuous, categorical or vector. Floating point and decimal
 * columns are continuous; strings and booleans categorical; integers categorical when they
 * have few distinct values. Date and timestamp columns are whole numbers of their granularity
 * (found in one distributed pass, see {@link TemporalColumns}) and classified as integers. Config
 * overrides win. A string or integer column whose values are (nearly) all distinct is an identifier
 * ({@code schema.identifier-min-distinct-ratio}): generated fresh, not learned. Struct columns are
 * flattened to their leaves ({@link StructColumns}). Numeric arrays and Spark ML vectors are vector
 * columns when every non-null value has the same length (checked in one distributed pass); an
 * image shape from {@code schema.shapes} must multiply to that length. Map, binary
 * columns, and arrays of varying length, are unsupported: excluded with a warning, or
 * rejected (exit 3), per config.
 */
public final class SchemaInspector {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaInspector.class);

    private SchemaInspector() {
    }

    /**
     * The supported columns, in input order, with their kind; nullability is settled later from data.
     * {@code transform} says whether (and from how many rows per value) columns that follow from a
     * categorical column will be derived, which decides the kind of integer codes ({@link IntegerLabels}).
     */
    public static List<ColumnSpec> inspect(Dataset<Row> input, SchemaOptions options, TransformOptions transform,
                                           String source) {
        Dataset<Row> df = StructColumns.flatten(input); // struct columns are learned as their leaves
        List<String> names = Arrays.asList(df.columns());
        for (List<String> listed : List.of(options.categorical(), options.continuous(), options.exclude())) {
            for (String n : listed) {
                if (!names.contains(n)) {
                    throw SynthException.usage("config lists column '" + n + "' (schema.*) but " + source
                            + " has no such column; its columns are " + names);
                }
            }
        }
        for (String n : options.shapes().keySet()) {
            if (!names.contains(n)) {
                throw SynthException.usage("config key " + SchemaOptions.shapeKey(n) + " names column '" + n + "' but "
                        + source + " has no such column; its columns are " + names);
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
        Map<String, VectorColumns.Lengths> lengths = vectorLengths(df, candidates);
        for (Map.Entry<String, VectorColumns.Lengths> e : lengths.entrySet()) {
            VectorColumns.Lengths l = e.getValue();
            if (!l.fixed() || (l.nonNull() > 0 && l.min() == 0)) {
                candidates.removeIf(f -> f.name().equals(e.getKey()));
                unsupported.add(e.getKey() + " (" + df.schema().apply(e.getKey()).dataType().simpleString()
                        + (l.fixed() ? " of empty arrays" : " of varying length " + l.min() + " to " + l.max()) + ")");
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
            throw SynthException.input(source + " has no columns sparksynth can model (numeric, string, boolean, "
                    + "date, timestamp or fixed-length numeric arrays)");
        }
        Map<String, long[]> distinct = distinctCounts(df, candidates, options);
        Map<String, Granularity> granularities = granularities(df, candidates);
        List<ColumnSpec> specs = new ArrayList<>();
        for (StructField f : candidates) {
            ColumnKind kind = classify(f, options, distinct);
            List<Integer> shape = options.shapes().getOrDefault(f.name(), List.of());
            if (!shape.isEmpty() && kind != ColumnKind.VECTOR) {
                throw SynthException.usage("config key " + SchemaOptions.shapeKey(f.name()) + " gives an image shape "
                        + "to column " + f.name() + " of type " + f.dataType().simpleString()
                        + ", which is not a vector column (a numeric array or a Spark ML vector)");
            }
            int length = kind == ColumnKind.VECTOR ? lengths.get(f.name()).max() : 0;
            checkShape(f.name(), shape, length);
            specs.add(new ColumnSpec(f.name(), f.dataType().simpleString(), kind, true, length, shape,
                    granularities.get(f.name())));
        }
        return transform.deriveDependencies()
                ? IntegerLabels.promote(df, specs, distinct, options.continuous(), transform.dependencyMinRows())
                : specs;
    }

    /**
     * A table compared with (or cleaned like) known columns must have every one of them, with its
     * type: otherwise exit 3 naming the table, the column and the two types, before Spark fails
     * with an analysis error deep inside the evaluation.
     */
    public static void requireColumns(Dataset<Row> input, List<ColumnSpec> specs, String source, String what) {
        Dataset<Row> df = StructColumns.flatten(input);
        List<String> names = Arrays.asList(df.columns());
        for (ColumnSpec s : specs) {
            if (!names.contains(s.name())) {
                throw SynthException.input(source + " has no column '" + s.name() + "', which " + what + " has ("
                        + s.sparkType() + "); its columns are " + names + ". Compare tables of the same schema");
            }
            String type = df.schema().apply(s.name()).dataType().simpleString();
            if (!type.equals(s.sparkType())) {
                throw SynthException.input(source + ": column '" + s.name() + "' is " + type + " but " + what
                        + " has it as " + s.sparkType() + ". Compare tables of the same schema");
            }
        }
    }

    /** A configured image shape must hold exactly the column's elements. */
    private static void checkShape(String column, List<Integer> shape, int length) {
        long product = shape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
        if (!shape.isEmpty() && product != length) {
            throw SynthException.usage("config key " + SchemaOptions.shapeKey(column) + " is " + shape + " ("
                    + product + " elements) but column " + column + " holds vectors of length " + length
                    + ": give a shape whose product is " + length + ", or none");
        }
    }

    /** One distributed pass over the vector candidates: how long their non-null values are. */
    private static Map<String, VectorColumns.Lengths> vectorLengths(Dataset<Row> df, List<StructField> fields) {
        List<StructField> vectors = fields.stream().filter(f -> VectorColumns.isVector(f.dataType())).toList();
        return VectorColumns.lengths(df, vectors.stream().map(StructField::name).toList(),
                vectors.stream().map(f -> f.dataType().simpleString()).toList());
    }

    /** One distributed pass over the temporal candidates: the unit their values are whole numbers of. */
    private static Map<String, Granularity> granularities(Dataset<Row> df, List<StructField> fields) {
        List<StructField> temporal = fields.stream().filter(f -> TemporalColumns.isTemporal(f.dataType())).toList();
        return TemporalColumns.granularities(df, temporal.stream().map(StructField::name).toList(),
                temporal.stream().map(f -> f.dataType().simpleString()).toList());
    }

    static boolean supported(DataType t) {
        return t instanceof IntegralType || t instanceof FloatType || t instanceof DoubleType
                || t instanceof DecimalType || t instanceof StringType || t instanceof BooleanType
                || TemporalColumns.isTemporal(t) || VectorColumns.isVector(t);
    }

    /** Integers, and dates and timestamps (whole units): categorical when they have few distinct values. */
    private static boolean wholeNumbers(DataType t) {
        return t instanceof IntegralType || TemporalColumns.isTemporal(t);
    }

    private static ColumnKind classify(StructField f, SchemaOptions options, Map<String, long[]> distinct) {
        if (VectorColumns.isVector(f.dataType())) {
            if (options.categorical().contains(f.name()) || options.continuous().contains(f.name())) {
                throw SynthException.usage("schema." + (options.categorical().contains(f.name()) ? "categorical"
                        : "continuous") + " lists '" + f.name() + "' but it is a vector column ("
                        + f.dataType().simpleString() + "): vector columns are modelled as vectors, list them in "
                        + "neither (or in schema.exclude)");
            }
            return ColumnKind.VECTOR;
        }
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
        long[] d = distinct.get(f.name());
        if (d != null && identifierCandidate(t) && d[1] >= options.identifierMinRows()
                && d[0] >= options.identifierMinDistinctRatio() * d[1]) {
            LOG.info("{} is an identifier: {} distinct of {} non-null values", f.name(), d[0], d[1]);
            return ColumnKind.IDENTIFIER;
        }
        if (t instanceof StringType || t instanceof BooleanType) {
            return ColumnKind.CATEGORICAL;
        }
        if (wholeNumbers(t)) {
            return d[0] <= options.integerCategoricalMaxDistinct()
                    ? ColumnKind.CATEGORICAL : ColumnKind.CONTINUOUS;
        }
        return ColumnKind.CONTINUOUS;
    }

    /** Strings and integers (not dates or timestamps: unique instants are values, not keys) may be identifiers. */
    private static boolean identifierCandidate(DataType t) {
        return t instanceof StringType || t instanceof IntegralType;
    }

    /**
     * The distinct values (approximately, in bounded memory) and the non-null values of whole-number
     * and string columns not forced to a kind. A first pass counts all of them coarsely (5 %
     * relative error; HyperLogLog++ is near exact for the few distinct values that decide whether an
     * integer column is categorical); a second pass recounts at 1 % only the columns that may be
     * identifiers (at least 80 % distinct). A wide table's hundreds of 1 % sketches in one
     * aggregation make a plan of tens of megabytes that Spark compiles for minutes.
     */
    private static Map<String, long[]> distinctCounts(Dataset<Row> df, List<StructField> fields,
                                                      SchemaOptions options) {
        List<String> names = new ArrayList<>();
        for (StructField f : fields) {
            if ((wholeNumbers(f.dataType()) || identifierCandidate(f.dataType()))
                    && !options.categorical().contains(f.name()) && !options.continuous().contains(f.name())) {
                names.add(f.name());
            }
        }
        Map<String, long[]> out = countDistinct(df, names, 0.05);
        List<String> close = new ArrayList<>();
        for (StructField f : fields) {
            long[] c = out.get(f.name());
            if (c != null && identifierCandidate(f.dataType()) && c[1] > 0 && c[0] >= 0.8 * c[1]) {
                close.add(f.name());
            }
        }
        out.putAll(countDistinct(df, close, 0.01));
        return out;
    }

    /** Per column: approximate distinct count at relative error {@code rsd}, and the non-null count. */
    private static Map<String, long[]> countDistinct(Dataset<Row> df, List<String> names, double rsd) {
        Map<String, long[]> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<Column> aggs = new ArrayList<>();
        for (String n : names) {
            aggs.add(functions.approx_count_distinct(functions.col(quote(n)), rsd));
            aggs.add(functions.count(functions.col(quote(n))));
        }
        Row r = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), new long[]{r.getLong(2 * i), r.getLong(2 * i + 1)});
        }
        return out;
    }

    /** Column names may hold dashes or dots (Adult's "education-num"): always quote them. */
    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * The names quoted for APIs that parse them (approxQuantile resolves a name as an expression, so
     * a struct leaf "s.t.x" or any dotted name must be quoted).
     */
    public static String[] quoted(List<String> names) {
        return names.stream().map(SchemaInspector::quote).toArray(String[]::new);
    }
}
