package io.sparksynth.io;

import io.sparksynth.SynthException;

/**
 * A catalog table as the command line names it: {@code table:db.name}, or {@code table:name} in the
 * database {@code default}. Names are checked before Spark starts: letters, digits and underscores,
 * as Hive keeps them, so a typo is exit 2 and never reaches the metastore.
 */
public record TableName(String database, String table) {
    public static final String PREFIX = "table:";
    private static final String PART = "[A-Za-z_][A-Za-z0-9_]*";

    /** Whether an input or output names a catalog table rather than a path. */
    public static boolean isTable(String ref) {
        return ref != null && ref.startsWith(PREFIX);
    }

    /** The table of {@code table:[db.]name}; exit 2 naming it when the name is not one. */
    public static TableName parse(String ref) {
        String name = ref.substring(PREFIX.length());
        if (name.matches(PART + "\\." + PART)) {
            int dot = name.indexOf('.');
            return new TableName(name.substring(0, dot), name.substring(dot + 1));
        }
        if (name.matches(PART)) {
            return new TableName("default", name);
        }
        throw SynthException.usage("'" + ref + "' is not a table name: write table:db.name or table:name (letters, "
                + "digits and _, starting with a letter or _)");
    }

    /** {@code db.name}, as Spark SQL reads it (the parts need no quoting). */
    @Override
    public String toString() {
        return database + "." + table;
    }
}
