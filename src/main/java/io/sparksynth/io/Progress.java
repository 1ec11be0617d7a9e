package io.sparksynth.io;

import java.io.PrintStream;
import java.io.Serializable;

/** Progress lines on the console, where a person running a job looks; kept apart from Spark's logs. */
public class Progress implements Serializable {
    private final transient PrintStream out;
    private final long start = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public static Progress console() {
        return new Progress(System.out);
    }

    public static Progress silent() {
        return new Progress(null);
    }

    public void line(String message) {
        if (out != null) {
            out.printf("[sparksynth %s] %s%n", duration((System.nanoTime() - start) / 1e9), message);
            out.flush();
        }
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
    }
}
