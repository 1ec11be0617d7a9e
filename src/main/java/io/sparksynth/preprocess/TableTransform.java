package io.sparksynth.preprocess;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sparksynth.data.ColumnSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The fitted transform of a whole table: rows to fixed-width float vectors and back. Saved as
 * JSON in the model directory, so decoding on another machine restores names, types, ranges and
 * category spellings.
 */
public final class TableTransform implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public List<ColumnTransform> columns = new ArrayList<>();
    /** The input's schema (JSON) when it has struct columns, to nest their leaves again on output; else null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String sourceSchema;
    private transient int[] sources;

    public TableTransform() {
    }

    public TableTransform(List<ColumnTransform> columns) {
        this.columns = List.copyOf(columns);
    }

    @JsonIgnore
    public int width() {
        return columns.stream().mapToInt(ColumnTransform::width).sum();
    }

    @JsonIgnore
    public List<ColumnSpec> specs() {
        return columns.stream().map(c -> c.spec).toList();
    }

    /** Activation blocks of the encoded row, in order. */
    @JsonIgnore
    public List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < columns.size(); i++) {
            ColumnTransform c = columns.get(i);
            if (c.hasValue()) {
                blocks.add(new Block(offset, c.valueWidth(), false, i));
                offset += c.valueWidth();
            }
            if (c.hasChoice()) {
                blocks.add(new Block(offset, c.choiceCount(), true, i));
                offset += c.choiceCount();
            }
        }
        return blocks;
    }

    /**
     * The logit offsets of the marginal calibration at every position of the encoded row (0 where
     * there is none), or null when no column has any.
     */
    @JsonIgnore
    public float[] choiceBias() {
        float[] bias = new float[width()];
        boolean any = false;
        for (Block b : blocks()) {
            List<Double> cb = columns.get(b.column()).choiceBias;
            if (b.softmax() && !cb.isEmpty()) {
                for (int k = 0; k < b.width(); k++) {
                    bias[b.offset() + k] = cb.get(k).floatValue();
                }
                any = true;
            }
        }
        return any ? bias : null;
    }

    /** The choice blocks of categorical columns: what the conditional vector selects from. */
    @JsonIgnore
    public List<Block> conditionBlocks() {
        return blocks().stream().filter(b -> b.softmax() && columns.get(b.column()).spec.categorical()).toList();
    }

    /** Encodes a row whose fields are the modelled columns in spec order. */
    public float[] encode(Row row) {
        float[] out = new float[width()];
        int offset = 0;
        for (int i = 0; i < columns.size(); i++) {
            ColumnTransform c = columns.get(i);
            c.encode(row.isNullAt(i) ? null : row.get(i), out, offset);
            offset += c.width();
        }
        return out;
    }

    /** Decodes one encoded row (one-hot choices) into a Spark row of the {@link #decodedSchema()}. */
    public Row decode(float[] encoded, int offset, RandomGenerator rng) {
        return decode(encoded, offset, rng, 0);
    }

    /** As {@link #decode(float[], int, RandomGenerator)}, as global row {@code row} (identifiers are made from it). */
    public Row decode(float[] encoded, int offset, RandomGenerator rng, long row) {
        Object[] values = new Object[columns.size()];
        int o = offset;
        for (int i = 0; i < columns.size(); i++) {
            ColumnTransform c = columns.get(i);
            if (!c.derived()) {
                values[i] = c.decode(encoded, o, rng, row);
            }
            o += c.width();
        }
        derive(values);
        return RowFactory.create(values);
    }

    /** Sets the derived columns of a decoded row's values from their sources' values. */
    private void derive(Object[] values) {
        int[] from = derivationSources();
        for (int i = 0; i < from.length; i++) {
            if (from[i] >= 0) {
                values[i] = columns.get(i).deriveFrom(values[from[i]]);
            }
        }
    }

    /** Per column, the index of the column it is derived from, or -1 for a learned column. */
    @JsonIgnore
    public int[] derivationSources() {
        if (sources == null) {
            List<String> names = columns.stream().map(c -> c.spec.name()).toList();
            sources = columns.stream().mapToInt(c -> c.derived() ? names.indexOf(c.derivedFrom) : -1).toArray();
        }
        return sources;
    }

    /** The derived columns, each with its source: {@code education-num (of education, 16 values)}. */
    @JsonIgnore
    public List<String> derivations() {
        return columns.stream().filter(ColumnTransform::derived).map(c -> c.spec.name() + " (of " + c.derivedFrom
                + ", " + c.derivedKeys.size() + " values)").toList();
    }

    /** The identifier columns, each with why: {@code user_id (99.8% distinct)}. */
    @JsonIgnore
    public List<String> identifiers() {
        return columns.stream().filter(ColumnTransform::identifier).map(c -> String.format("%s (%.1f%% distinct)",
                c.spec.name(), 100 * (c.fresh.distinctRatio == null ? 1 : c.fresh.distinctRatio))).toList();
    }

    /** The output schema: real names and types. */
    @JsonIgnore
    public StructType schema() {
        return schema(false);
    }

    /**
     * The schema of decoded rows: real names and types, but a date or timestamp column as the number
     * it is learned as ({@code TemporalColumns.toTemporal} turns such rows into the output schema).
     */
    @JsonIgnore
    public StructType decodedSchema() {
        return schema(true);
    }

    private StructType schema(boolean decoded) {
        List<StructField> fields = new ArrayList<>();
        for (ColumnTransform c : columns) {
            fields.add(new StructField(c.spec.name(), decoded ? c.spec.valueDataType() : c.spec.dataType(),
                    c.spec.nullable(), org.apache.spark.sql.types.Metadata.empty()));
        }
        return new StructType(fields.toArray(new StructField[0]));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TableTransform fromJson(String json) {
        try {
            return JSON.readValue(json, TableTransform.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
