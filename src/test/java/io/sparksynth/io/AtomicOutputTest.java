package io.sparksynth.io;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class AtomicOutputTest {

    @Test
    void commitMovesIntoPlaceWithSuccessAndReplacesAnOlderOutput(@TempDir Path dir) throws Exception {
        String target = dir.resolve("out").toString();
        try (AtomicOutput out = AtomicOutput.begin(new Configuration(), target)) {
            out.writeText("a.txt", "first");
            assertFalse(new File(target).exists(), "nothing visible before commit");
            out.commit();
        }
        assertTrue(AtomicOutput.complete(new Configuration(), target));
        try (AtomicOutput out = AtomicOutput.begin(new Configuration(), target)) {
            out.writeText("b.txt", "second");
            out.commit();
        }
        assertFalse(new File(target, "a.txt").exists(), "the old output was replaced, not merged");
        assertEquals("second", Files.readString(Path.of(target, "b.txt")));
        assertEquals(1, Objects.requireNonNull(dir.toFile().list()).length, "no temporary or old directory left");
    }

    @Test
    void closingWithoutCommitLeavesNothing(@TempDir Path dir) {
        String target = dir.resolve("out").toString();
        try (AtomicOutput out = AtomicOutput.begin(new Configuration(), target)) {
            out.writeText("a.txt", "half");
        }
        assertFalse(new File(target).exists());
        assertEquals(0, Objects.requireNonNull(dir.toFile().list()).length);
    }

    @Test
    void aCommitSweepsTheTemporaryOfAKilledEarlierRun(@TempDir Path dir) throws Exception {
        String target = dir.resolve("out").toString();
        Path stale = Files.createDirectories(dir.resolve(".out.tmp-left-by-a-killed-driver"));
        Files.writeString(stale.resolve("part-00000.parquet"), "half");
        assertTrue(stale.toFile().setLastModified(System.currentTimeMillis() - 60_000));
        Path other = Files.createDirectories(dir.resolve(".other.tmp-not-ours"));
        try (AtomicOutput out = AtomicOutput.begin(new Configuration(), target)) {
            out.writeText("a.txt", "complete");
            out.commit();
        }
        assertFalse(Files.exists(stale), "the stale temporary of the same output is gone");
        assertTrue(Files.exists(other), "another output's temporary is left alone");
    }
}
