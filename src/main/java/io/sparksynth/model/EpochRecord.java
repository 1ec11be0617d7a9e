package io.sparksynth.model;

import java.io.Serializable;

/** Mean losses of one epoch: discriminator on real rows, on fake rows, generator; and its wall time. */
public record EpochRecord(int epoch, double discriminatorReal, double discriminatorFake, double generator,
                          double seconds) implements Serializable {
    public static final String CSV_HEADER = "epoch,d_loss_real,d_loss_fake,g_loss,seconds";

    public String csv() {
        return epoch + "," + discriminatorReal + "," + discriminatorFake + "," + generator + "," + seconds;
    }

    public static EpochRecord parse(String line) {
        String[] f = line.split(",");
        return new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]));
    }
}
