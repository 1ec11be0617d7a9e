package io.sparksynth.train;

import io.sparksynth.SynthException;
import io.sparksynth.model.EpochRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Training state saved every few epochs, so that {@code train --resume} continues after the
 * driver itself died. The state is everything the next round depends on (averaged networks with
 * Adam state, round and iteration counters, the generator's moving average, the history), so a
 * resumed run ends with exactly the model an uninterrupted one would have. A fingerprint of the
 * data encoding and training settings guards against resuming a different training.
 */
public final class Checkpoint {
    /** What is saved; {@code best} is the best-scoring generator so far (null without validation). */
    public record State(String fingerprint, int epoch, RoundState round, float[] ema, List<EpochRecord> history,
                        Best best) implements Serializable {
    }

    /** The parameters of the best-scoring generator, its score and epoch. */
    public record Best(float[] params, double score, int epoch) implements Serializable {
    }

    private final Configuration hadoop;
    private final Path path;
    private final int every;
    private final String fingerprint;

    /** @param fingerprint identifies the training (data encoding, settings) that the checkpoint belongs to */
    public Checkpoint(Configuration hadoop, String dir, int everyEpochs, String fingerprint) {
        this.hadoop = hadoop;
        this.path = new Path(dir, "state.bin");
        this.every = everyEpochs;
        this.fingerprint = fingerprint;
    }

    boolean due(int epoch) {
        return every > 0 && epoch % every == 0;
    }

    /** Written to a temporary file and renamed, so a crash mid-write keeps the previous checkpoint. */
    void save(int epoch, RoundState round, float[] ema, List<EpochRecord> history, Best best) {
        State s = new State(fingerprint, epoch, round, ema, List.copyOf(history), best);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            Path tmp = new Path(path.getParent(), "state.bin.tmp");
            try (FSDataOutputStream o = fs.create(tmp, true); ObjectOutputStream out = new ObjectOutputStream(o)) {
                out.writeObject(s);
            }
            fs.delete(path, false);
            if (!fs.rename(tmp, path)) {
                throw new IOException("cannot rename " + tmp + " to " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training checkpoint " + path, e);
        }
    }

    /** The saved state, or null when there is none; refuses the state of a different training. */
    public State load() {
        State s;
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            if (!fs.exists(path)) {
                return null;
            }
            try (FSDataInputStream i = fs.open(path); ObjectInputStream in = new ObjectInputStream(i)) {
                s = (State) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read the training checkpoint " + path + ": " + e.getMessage(), e);
        }
        if (!s.fingerprint().equals(fingerprint)) {
            throw SynthException.usage("the checkpoint in " + path.getParent() + " belongs to a different training "
                    + "(data, encoding or settings changed): remove it or train without --resume");
        }
        return s;
    }

    /** Removes the checkpoint directory {@code dir} once the model is saved. */
    public static void clear(Configuration hadoop, String dir) {
        try {
            Path p = new Path(dir);
            p.getFileSystem(hadoop).delete(p, true);
        } catch (IOException ignored) {
            // a stale checkpoint is harmless: its fingerprint and epochs are checked on resume
        }
    }
}
