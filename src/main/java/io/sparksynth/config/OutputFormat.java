package io.sparksynth.config;

import java.util.Arrays;
import java.util.Locale;

/** How synthetic rows are written: plain Parquet files, or a Delta Lake table (a transaction log over Parquet). */
public enum OutputFormat {
    PARQUET, DELTA;

    /** The format named by {@code value} (case-insensitive); exit 2 naming {@code key} otherwise. */
    public static OutputFormat parse(String value, String key) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        SynthConfig.check(false, key, "must be one of " + Arrays.toString(names()) + ", got \"" + value + "\"");
        throw new AssertionError();
    }

    /** Lower case, as written in configs and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String[] names() {
        return Arrays.stream(values()).map(OutputFormat::id).toArray(String[]::new);
    }
}
