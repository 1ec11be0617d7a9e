package io.sparksynth.data;

import io.sparksynth.preprocess.ColumnTransform;
import io.sparksynth.preprocess.TableTransform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A temporal column's granularity is saved in transform.json; other columns' JSON is as before it existed. */
@Tag("fast")
class ColumnSpecJsonTest {

    @Test
    void granularityIsSavedAndOnlyForTemporalColumns() {
        ColumnSpec hourly = new ColumnSpec("ts", "timestamp", ColumnKind.CONTINUOUS, true, 0, List.of(),
                Granularity.HOUR);
        ColumnSpec amount = new ColumnSpec("amount", "decimal(10,2)", ColumnKind.CONTINUOUS, false);
        String json = table(hourly, amount).toJson();
        assertTrue(json.contains("\"granularity\" : \"hour\""), json);
        assertEquals(1, json.split("granularity", -1).length - 1, "no granularity key for other columns: " + json);
        assertEquals(List.of(hourly, amount), TableTransform.fromJson(json).specs());
        assertEquals(hourly.withNullable(false).granularity(), Granularity.HOUR, "kept when nullability is settled");
    }

    @Test
    void aTransformWrittenBeforeTemporalColumnsStillLoads() {
        String old = "{\"columns\" : [ {\"spec\" : {\"name\" : \"x\", \"sparkType\" : \"int\", \"kind\" : "
                + "\"CONTINUOUS\", \"nullable\" : false}, \"min\" : 0.0, \"max\" : 1.0} ]}";
        ColumnSpec x = TableTransform.fromJson(old).specs().get(0);
        assertNull(x.granularity());
        assertFalse(x.temporal());
        assertEquals("int", x.valueType());
    }

    @Test
    void temporalValuesAreLearnedAsWholeNumbers() {
        ColumnSpec date = new ColumnSpec("d", "date", ColumnKind.CONTINUOUS, true, 0, List.of(), Granularity.DAY);
        ColumnSpec ntz = new ColumnSpec("n", "timestamp_ntz", ColumnKind.CATEGORICAL, true, 0, List.of(),
                Granularity.MINUTE);
        assertEquals("int", date.valueType());
        assertEquals("bigint", ntz.valueType());
        assertTrue(date.integral() && ntz.integral());
        assertEquals("DateType", date.dataType().toString());
        assertEquals("TimestampNTZType", ntz.dataType().toString());
        assertEquals("LongType", ntz.valueDataType().toString());
    }

    private static TableTransform table(ColumnSpec... specs) {
        List<ColumnTransform> columns = new java.util.ArrayList<>();
        for (ColumnSpec s : specs) {
            ColumnTransform c = new ColumnTransform();
            c.spec = s;
            columns.add(c);
        }
        return new TableTransform(columns);
    }
}
