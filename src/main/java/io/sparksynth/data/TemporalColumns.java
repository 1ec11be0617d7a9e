package io.sparksynth.data;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparksynth.data.SchemaInspector.quote;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.date_part;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.unix_micros;

/**
 * Date, timestamp and timestamp_ntz columns as numbers and back, in Spark SQL. A column is
 * learned as a whole number of its {@link Granularity} since 1970-01-01 (an instant's UTC epoch for
 * timestamp, the wall clock for timestamp_ntz), so the continuous and categorical machinery applies
 * to it unchanged; rows are converted where they enter ({@code DataCleaner}) and where generated
 * rows leave ({@code SyntheticGenerator}). Both directions are exact and do not depend on the
 * session time zone: timestamp_ntz goes through its date and clock fields, never a cast to timestamp.
 */
public final class TemporalColumns {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private TemporalColumns() {
    }

    static boolean isTemporal(DataType t) {
        return t instanceof DateType || t instanceof TimestampType || t instanceof TimestampNTZType;
    }

    /** The Spark type of the number a temporal column is learned as: int days for dates, bigint units otherwise. */
    static String numberType(String sparkType) {
        return sparkType.equals("date") ? "int" : "bigint";
    }

    /**
     * Each temporal column's granularity: days for dates; for timestamps the coarsest unit every
     * non-null value is a whole number of (days for a column without values), in one aggregation.
     */
    static Map<String, Granularity> granularities(Dataset<Row> df, List<String> names, List<String> types) {
        Map<String, Granularity> out = new LinkedHashMap<>();
        List<Column> remainders = new ArrayList<>();
        List<String> timestamps = new ArrayList<>();
        Granularity[] candidates = Granularity.values();
        for (int i = 0; i < names.size(); i++) {
            if (types.get(i).equals("date")) {
                out.put(names.get(i), Granularity.DAY);
                continue;
            }
            Column micros = micros(col(quote(names.get(i))), types.get(i));
            for (int u = 0; u < candidates.length - 1; u++) {
                remainders.add(max(pmod(micros, lit(candidates[u].micros()))));
            }
            timestamps.add(names.get(i));
        }
        if (timestamps.isEmpty()) {
            return out;
        }
        Row r = df.agg(remainders.get(0), remainders.subList(1, remainders.size()).toArray(new Column[0])).first();
        int per = candidates.length - 1;
        for (int i = 0; i < timestamps.size(); i++) {
            Granularity g = Granularity.MICROSECOND;
            for (int u = 0; u < per; u++) {
                int k = i * per + u;
                if (r.isNullAt(k) || r.getLong(k) == 0) {
                    g = candidates[u];
                    break;
                }
            }
            out.put(timestamps.get(i), g);
        }
        return out;
    }

    /** Microseconds since 1970-01-01 00:00: UTC for a timestamp, the wall clock for a timestamp_ntz. */
    private static Column micros(Column c, String type) {
        if (type.equals("timestamp")) {
            return unix_micros(c);
        }
        // field by field: a cast to timestamp would go through the session time zone (and its DST gaps)
        return unix_date(c.cast("date")).cast("bigint").multiply(Granularity.DAY.micros())
                .plus(hour(c).cast("bigint").multiply(Granularity.HOUR.micros()))
                .plus(minute(c).cast("bigint").multiply(Granularity.MINUTE.micros()))
                .plus(date_part(lit("SECOND"), c).multiply(Granularity.SECOND.micros()).cast("bigint"));
    }

    /** A temporal column's values as the numbers the model learns (floored to whole units). */
    public static Column toNumber(Column c, ColumnSpec spec) {
        if (spec.sparkType().equals("date")) {
            return unix_date(c);
        }
        Column m = micros(c, spec.sparkType());
        long unit = spec.granularity().micros();
        return unit == 1 ? m : call_function("div", m.minus(pmod(m, lit(unit))), lit(unit));
    }

    /** Learned numbers back as values of the column's temporal type. */
    public static Column toTemporal(Column x, ColumnSpec spec) {
        return switch (spec.sparkType()) {
            case "date" -> date_from_unix_date(x);
            case "timestamp" -> timestamp_micros(x.multiply(spec.granularity().micros()));
            // a day-time interval added to a timestamp_ntz is plain arithmetic on its wall clock
            default -> lit(EPOCH).plus(x.multiply(lit(Duration.ofNanos(spec.granularity().micros() * 1000))));
        };
    }

    /** Generated rows whose temporal columns hold learned numbers, with those columns in their real types. */
    public static Dataset<Row> toTemporal(Dataset<Row> numbers, List<ColumnSpec> specs) {
        if (specs.stream().noneMatch(ColumnSpec::temporal)) {
            return numbers;
        }
        List<Column> cols = new ArrayList<>();
        for (ColumnSpec s : specs) {
            Column c = col(quote(s.name()));
            cols.add(s.temporal() ? toTemporal(c, s).as(s.name()) : c);
        }
        return numbers.select(cols.toArray(new Column[0]));
    }
}
