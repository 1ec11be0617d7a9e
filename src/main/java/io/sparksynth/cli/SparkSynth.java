package io.sparksynth.cli;

import io.sparksynth.SynthException;
import io.sparksynth.train.Versions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code train}, {@code generate}, {@code evaluate}, {@code pipeline},
 * {@code bench}. Exit codes follow the contract: 0 success, 2 usage or configuration error,
 * 3 input data error, 1 anything else; the message names the file, column or key at fault.
 */
@Command(name = "sparksynth", mixinStandardHelpOptions = true, versionProvider = SparkSynth.Version.class,
        description = "Learns a GAN from real Parquet data on Spark and writes synthetic data with the same statistics.",
        subcommands = {TrainCommand.class, GenerateCommand.class, EvaluateCommand.class, PipelineCommand.class,
                BenchCommand.class,
        })
public final class SparkSynth implements Runnable {
    /** {@code --version}: the build's version (from the pom), as model provenance records it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"sparksynth " + Versions.SPARKSYNTH};
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (the process does not exit). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SparkSynth());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex));
        cli.setParameterExceptionHandler((ex, args1) -> {
            System.err.println("sparksynth: " + ex.getMessage());
            ex.getCommandLine().usage(System.err);
            return SynthException.USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static int report(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SynthException s) {
                System.err.println("sparksynth: error: " + s.getMessage());
                return s.exitCode();
            }
        }
        System.err.println("sparksynth: failed: " + ex);
        ex.printStackTrace(System.err);
        return SynthException.FAILURE;
    }
}
