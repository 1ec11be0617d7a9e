package io.sparksynth.model;

import java.io.Serializable;

/**
 * Mean losses of one epoch: discriminator on real rows, on fake rows, generator; its wall time;
 * the validation score of the generator after it (NaN when the epoch was not scored); and its
 * compute time: over the epoch's averaging rounds, the slowest worker's time in its training
 * steps (NaN when unknown). The rest of the wall time is the rounds' overhead: broadcast, task
 * launch, serialisation, averaging, validation.
 */
public record EpochRecord(int epoch, double discriminatorReal, double discriminatorFake, double generator,
                          double seconds, double validation, double computeSeconds) implements Serializable {
    public static final String CSV_HEADER = "epoch,d_loss_real,d_loss_fake,g_loss,seconds,validation,compute_seconds";

    public EpochRecord(int epoch, double discriminatorReal, double discriminatorFake, double generator,
                       double seconds) {
        this(epoch, discriminatorReal, discriminatorFake, generator, seconds, Double.NaN, Double.NaN);
    }

    public EpochRecord(int epoch, double discriminatorReal, double discriminatorFake, double generator,
                       double seconds, double validation) {
        this(epoch, discriminatorReal, discriminatorFake, generator, seconds, validation, Double.NaN);
    }

    public EpochRecord withValidation(double score) {
        return new EpochRecord(epoch, discriminatorReal, discriminatorFake, generator, seconds, score, computeSeconds);
    }

    public EpochRecord withCompute(double compute) {
        return new EpochRecord(epoch, discriminatorReal, discriminatorFake, generator, seconds, validation, compute);
    }

    public String csv() {
        return epoch + "," + discriminatorReal + "," + discriminatorFake + "," + generator + "," + seconds + ","
                + (Double.isNaN(validation) ? "" : validation) + "," + (Double.isNaN(computeSeconds) ? ""
                : computeSeconds);
    }

    /** A line of history.csv; older models' have five (no validation) or six (no compute time) fields. */
    public static EpochRecord parse(String line) {
        String[] f = line.split(",", -1);
        return new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), optional(f, 5), optional(f, 6));
    }

    private static double optional(String[] f, int i) {
        return f.length > i && !f[i].isEmpty() ? Double.parseDouble(f[i]) : Double.NaN;
    }
}
