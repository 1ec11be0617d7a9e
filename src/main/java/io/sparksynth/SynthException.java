package io.sparksynth;

/**
 * A failure a user can act on. Carries the process exit code of the contract
 * (2 usage or configuration, 3 input data, 4 quality gate failed, 1 anything else) so that the CLI can
 * print one clear line instead of a stack trace.
 */
public class SynthException extends RuntimeException {
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int INPUT = 3;
    /** A quality gate (--fail-below) rejected the synthetic data; it was written without _SUCCESS. */
    public static final int QUALITY_GATE = 4;

    private final int exitCode;

    public SynthException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SynthException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static SynthException usage(String message) {
        return new SynthException(USAGE, message);
    }

    public static SynthException input(String message) {
        return new SynthException(INPUT, message);
    }

    public static SynthException input(String message, Throwable cause) {
        return new SynthException(INPUT, message, cause);
    }
}
