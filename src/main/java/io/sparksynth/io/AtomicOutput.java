package io.sparksynth.io;

import io.sparksynth.SynthException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An output directory written completely or not at all: everything goes to a hidden temporary
 * sibling, and {@link #commit()} writes {@code _SUCCESS} and renames it into place (replacing an
 * older output, so re-runs are idempotent). Closing without committing deletes the temporary
 * directory, so a failed job leaves nothing half-written behind.
 */
public final class AtomicOutput implements AutoCloseable {
    public static final String SUCCESS = "_SUCCESS";

    private final FileSystem fs;
    private final Path target;
    private final Path temp;
    private final long started = System.currentTimeMillis();
    private boolean committed;

    private AtomicOutput(FileSystem fs, Path target, Path temp) {
        this.fs = fs;
        this.target = target;
        this.temp = temp;
    }

    public static AtomicOutput begin(Configuration conf, String dir) {
        try {
            Path target = new Path(dir);
            FileSystem fs = target.getFileSystem(conf);
            target = fs.makeQualified(target);
            if (fs.isFile(target)) {
                // replacing it would silently delete a file the user may need
                throw SynthException.usage("output " + dir + " is an existing file, not a directory: give a "
                        + "directory path (it is replaced as a whole), or move the file away");
            }
            Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
            return new AtomicOutput(fs, target, temp);
        } catch (IOException e) {
            throw new SynthException(SynthException.USAGE, "cannot use output directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where to write; does not exist yet (Spark writers create it). */
    public Path temp() {
        return temp;
    }

    public String tempPath() {
        return temp.toString();
    }

    public FileSystem fs() {
        return fs;
    }

    public void writeText(String name, String text) {
        try (FSDataOutputStream o = fs.create(new Path(temp, name), true)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " under " + temp, e);
        }
    }

    public void commit() {
        commit(true);
    }

    /**
     * Moves the output into place; with {@code publish} false it arrives without {@code _SUCCESS}
     * (a quality gate withheld it), so schedulers waiting for the marker do not pick it up.
     */
    public void commit(boolean publish) {
        try {
            fs.mkdirs(temp);
            Path success = new Path(temp, SUCCESS);
            if (publish && !fs.exists(success)) {
                fs.create(success, true).close();
            } else if (!publish) {
                fs.delete(success, false);
            }
            Path old = null;
            if (fs.exists(target)) {
                old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
                if (!fs.rename(target, old)) {
                    throw new IOException("cannot move the previous " + target + " aside");
                }
            } else if (target.getParent() != null) {
                fs.mkdirs(target.getParent());
            }
            if (!fs.rename(temp, target)) {
                if (old != null) {
                    fs.rename(old, target);
                }
                throw new IOException("cannot rename " + temp + " to " + target);
            }
            if (old != null) {
                fs.delete(old, true);
            }
            committed = true;
            sweepStale();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit output " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes temporaries of the same target left by an earlier run whose driver was killed (a
     * killed JVM cannot clean up after itself); those of runs started after this one are kept.
     */
    private void sweepStale() throws IOException {
        String prefix = "." + target.getName() + ".";
        FileStatus[] siblings = fs.listStatus(target.getParent(), p -> p.getName().startsWith(prefix + "tmp-")
                || p.getName().startsWith(prefix + "old-"));
        for (FileStatus s : siblings) {
            if (s.getModificationTime() < started) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                fs.delete(temp, true);
            } catch (IOException ignored) {
                // best effort: the temporary directory is hidden and named as such
            }
        }
    }

    /** True when {@code dir} is a complete output (has {@code _SUCCESS}). */
    public static boolean complete(Configuration conf, String dir) {
        try {
            Path p = new Path(dir);
            return p.getFileSystem(conf).exists(new Path(p, SUCCESS));
        } catch (IOException e) {
            return false;
        }
    }
}
