package io.sparksynth.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wall time and this JVM's heap over one stage of a bench: the peak (the sum of the heap pools'
 * peaks since the stage began, an upper bound of the true peak, which includes garbage not yet
 * collected) and the heap live after full collections. Not the heap after young collections: they
 * leave the old generation's garbage in place until a concurrent cycle reclaims it (G1 lets it build
 * up to a share of the heap), so that figure grows and falls without anything being kept. What is
 * really kept is the heap after a full collection, which {@link #withFullGcEvery} forces every few
 * seconds (a bench's cost, tens of milliseconds each). One stage at a time.
 */
final class HeapWatch implements AutoCloseable {
    private final long start = System.nanoTime();
    private final Set<String> heapPools = heapPools().stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final NotificationListener listener = this::onGc;
    private volatile long maxAfterFullGc;
    private volatile int fullCollections;
    private Thread fullGcs;
    double seconds;
    long peakMb;

    HeapWatch() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
    }

    private void onGc(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (!info.getGcAction().contains("major")) {
            return; // a young collection: see the class comment
        }
        long live = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                live += e.getValue().getUsed();
            }
        }
        synchronized (this) {
            maxAfterFullGc = Math.max(maxAfterFullGc, live);
            fullCollections++;
        }
    }

    /** Forces a full collection every {@code seconds} until {@link #end()}: the live heap, sampled. */
    HeapWatch withFullGcEvery(int seconds) {
        fullGcs = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(seconds * 1000L);
                    System.gc();
                }
            } catch (InterruptedException e) {
                // end of the stage
            }
        }, "heap-watch-full-gc");
        fullGcs.setDaemon(true);
        fullGcs.start();
        return this;
    }

    /** Ends the stage: wall time and peak heap are read now. */
    HeapWatch end() {
        seconds = (System.nanoTime() - start) / 1e9;
        if (fullGcs != null) {
            fullGcs.interrupt();
            int before = fullCollections;
            System.gc(); // the live heap at the end of the stage too
            for (int i = 0; i < 500 && fullCollections == before; i++) { // up to 10 s on a loaded machine
                try {
                    Thread.sleep(20); // notifications arrive on another thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        peakMb = heapPools().stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum() >> 20;
        close();
        return this;
    }

    /** The largest heap live after a full collection during the stage, in MB (0 if none ran). */
    long maxAfterFullGcMb() {
        return maxAfterFullGc >> 20;
    }

    int fullCollections() {
        return fullCollections;
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed by end()
            }
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
