package io.sparksynth.sink;

/**
 * Where synthetic rows are published: a directory, a Delta table or a catalog table's partition.
 * The generator writes Parquet into {@link #stagingDir()}, which no reader of the destination sees;
 * {@link #publish(boolean)} makes the rows visible in one step (a rename, a metastore operation or a
 * Delta commit), so a reader sees the previous rows or the new ones, never a mix. Closing without
 * publishing discards the staged rows and leaves the destination as it was.
 */
public interface SyntheticSink extends AutoCloseable {
    /** The directory to generate Parquet into; it does not exist yet. */
    String stagingDir();

    /** The staged rows as Spark reads them (a glob: Spark skips hidden root directories). */
    default String stagedRows() {
        return stagingDir() + "/part-*";
    }

    /** The destination, for messages and manifest.json. */
    String describe();

    /**
     * Publishes the staged rows. {@code passed} false (a quality gate failed): a directory of Parquet
     * arrives without {@code _SUCCESS}; a Delta output or a table keeps its previous rows.
     */
    void publish(boolean passed);

    /** What a failed gate left, for its message. */
    String withheld();

    @Override
    void close();
}
