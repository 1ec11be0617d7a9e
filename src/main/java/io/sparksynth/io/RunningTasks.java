package io.sparksynth.io;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a Spark write and, when it fails, returns (by rethrowing) only after its tasks have stopped.
 * A failed job's other tasks are killed asynchronously: one still writing when the caller deletes
 * its temporary directory would create it again (a Hadoop file create makes its parents), and an
 * empty directory tree would be left behind. Counted from the listener bus, which lags the
 * scheduler, so "no task running" must hold for a while before it is believed.
 */
public final class RunningTasks extends SparkListener {
    private static final long SETTLE_MS = 500;
    private static final long MAX_WAIT_MS = 60_000;

    private final AtomicInteger running = new AtomicInteger();

    private RunningTasks() {
    }

    /** Runs {@code write}; if it throws, waits (at most a minute) until none of the session's tasks runs. */
    public static void settleOnFailure(SparkContext sc, Runnable write) {
        RunningTasks tasks = new RunningTasks();
        sc.addSparkListener(tasks);
        try {
            write.run();
        } catch (RuntimeException | Error e) {
            tasks.awaitNone();
            throw e;
        } finally {
            sc.removeSparkListener(tasks);
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        running.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        running.updateAndGet(n -> Math.max(0, n - 1)); // tasks already running when it was added end too
    }

    private void awaitNone() {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        long idleSince = -1;
        try {
            while (System.currentTimeMillis() < deadline) {
                long now = System.currentTimeMillis();
                if (running.get() > 0) {
                    idleSince = -1;
                } else if (idleSince < 0) {
                    idleSince = now;
                } else if (now - idleSince >= SETTLE_MS) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
