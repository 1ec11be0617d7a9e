package io.sparksynth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** What a run left in the file system: the atomic-output contract's checks, shared by the CLI tests. */
final class OutputDirs {
    private OutputDirs() {
    }

    /** Hidden siblings of an output that AtomicOutput creates while writing ({@code .NAME.tmp-*}, {@code .NAME.old-*}). */
    static List<String> leftovers(Path parent, String name) {
        return Stream.of(Objects.requireNonNull(parent.toFile().list()))
                .filter(f -> f.startsWith("." + name + ".")).toList();
    }

    /** A copy of directory {@code from} at {@code to}, to damage or edit without touching the original. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Rewrites a file of an output directory, dropping Hadoop's checksum beside it (which would reject the edit). */
    static void edit(Path file, UnaryOperator<String> change) {
        try {
            Files.writeString(file, change.apply(Files.readString(file)));
            Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + file, e);
        }
    }

    /** Every file under {@code dir} with its size and modification time: equal snapshots, untouched directory. */
    static List<String> snapshot(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().map(f -> {
                try {
                    return dir.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
