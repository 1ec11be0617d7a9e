package io.sparksynth.io;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports tasks finished and rows written while a long Spark write runs (generation of many
 * rows), with an ETA from the rows per second so far.
 */
public final class TaskProgress extends SparkListener {
    private final Progress progress;
    private final long totalRows;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicInteger tasks = new AtomicInteger();
    private final long start = System.nanoTime();
    private volatile long lastPrint = System.nanoTime();

    public TaskProgress(Progress progress, long totalRows) {
        this.progress = progress;
        this.totalRows = totalRows;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() == null) {
            return;
        }
        long written = end.taskMetrics().outputMetrics().recordsWritten();
        if (written == 0) {
            return;
        }
        long total = rows.addAndGet(written);
        int done = tasks.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastPrint > 2_000_000_000L || total >= totalRows) {
            lastPrint = now;
            double secs = (now - start) / 1e9;
            double rate = total / Math.max(secs, 1e-9);
            progress.line(String.format("generate: %d tasks done, %,d of %,d rows written (%.0f rows/s, ETA %s)",
                    done, total, totalRows, rate, Progress.duration((totalRows - total) / Math.max(rate, 1e-9))));
        }
    }
}
