package io.sparksynth.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The big-output and wide benches' heap figures come from real collections of this JVM. */
@Tag("fast")
class HeapWatchTest {

    @Test
    void thePeakIncludesWhatACollectionFreed() {
        HeapWatch watch = new HeapWatch();
        byte[][] kept = new byte[64][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[1 << 20]; // 64 MB live through the stage
        }
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[1 << 20]; // 200 MB that die at once
            garbage[0] = 1;
        }
        watch.end();
        assertTrue(watch.peakMb >= 64, "the kept 64 MB at least: " + watch.peakMb);
        assertTrue(watch.seconds > 0);
        assertTrue(kept[63].length > 0);
    }

    @Test
    void forcedFullCollectionsMeasureWhatIsKept() throws Exception {
        HeapWatch watch = new HeapWatch().withFullGcEvery(1);
        byte[][] kept = new byte[32][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[1 << 20];
        }
        // The forcing thread's first collection, however slow a loaded machine makes it; not a timing.
        for (int i = 0; i < 600 && watch.fullCollections() < 1; i++) {
            Thread.sleep(50);
        }
        watch.end();
        assertTrue(watch.fullCollections() >= 2, "one forced in the stage and one at its end: " + watch.fullCollections());
        assertTrue(watch.maxAfterFullGcMb() >= 32, "the kept 32 MB: " + watch.maxAfterFullGcMb());
        assertTrue(kept[31].length > 0);
    }
}
