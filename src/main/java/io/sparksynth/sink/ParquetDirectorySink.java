package io.sparksynth.sink;

import io.sparksynth.io.AtomicOutput;

/** A directory of Parquet files, renamed into place with {@code _SUCCESS} ({@link AtomicOutput}). */
final class ParquetDirectorySink implements SyntheticSink {
    private final AtomicOutput out;
    private final String dir;

    ParquetDirectorySink(AtomicOutput out, String dir) {
        this.out = out;
        this.dir = dir;
    }

    @Override
    public String stagingDir() {
        return out.tempPath();
    }

    @Override
    public String describe() {
        return dir;
    }

    @Override
    public void publish(boolean passed) {
        out.commit(passed);
    }

    @Override
    public String withheld() {
        return dir + " was written without _SUCCESS";
    }

    @Override
    public void close() {
        out.close();
    }
}
