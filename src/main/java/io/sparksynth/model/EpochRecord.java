package io.sparksynth.model;

import java.io.Serializable;

/**
 * Mean losses of one epoch: discriminator on real rows, on fake rows, generator; its wall time;
 * and the validation score of the generator after it (NaN when the epoch was not scored).
 */
public record EpochRecord(int epoch, double discriminatorReal, double discriminatorFake, double generator,
                          double seconds, double validation) implements Serializable {
    public static final String CSV_HEADER = "epoch,d_loss_real,d_loss_fake,g_loss,seconds,validation";

    public EpochRecord(int epoch, double discriminatorReal, double discriminatorFake, double generator,
                       double seconds) {
        this(epoch, discriminatorReal, discriminatorFake, generator, seconds, Double.NaN);
    }

    public EpochRecord withValidation(double score) {
        return new EpochRecord(epoch, discriminatorReal, discriminatorFake, generator, seconds, score);
    }

    public String csv() {
        return epoch + "," + discriminatorReal + "," + discriminatorFake + "," + generator + "," + seconds + ","
                + (Double.isNaN(validation) ? "" : validation);
    }

    /** A line of history.csv; models saved before validation existed have five fields. */
    public static EpochRecord parse(String line) {
        String[] f = line.split(",", -1);
        return new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                f.length > 5 && !f[5].isEmpty() ? Double.parseDouble(f[5]) : Double.NaN);
    }
}
