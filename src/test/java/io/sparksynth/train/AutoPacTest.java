package io.sparksynth.train;

import io.sparksynth.config.SynthConfig;
import io.sparksynth.io.Progress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gan.pac = 0 (the default): five rows per discriminator input for tables, fewer for rows so wide
 * that the pack would crowd the discriminator's first layer (an image), a pack that divides a batch
 * size of the user's own, and the model's config holding the pack it was trained with.
 */
@Tag("fast")
class AutoPacTest {
    @Test
    void tablesKeepFiveRowsPerInputAndImagesGetOne() {
        SynthConfig defaults = SynthConfig.load(null, List.of());
        assertEquals(0, defaults.gan.pac(), "the default is auto");
        assertEquals(5, defaults.gan.pacFor(116), "Adult's encoded width");
        assertEquals(5, defaults.gan.pacFor(204), "5 x 204 = 1,020 inputs for 256 units");
        assertEquals(4, defaults.gan.pacFor(205));
        assertEquals(1, defaults.gan.pacFor(794), "a 28 x 28 image and its label");
        assertEquals(1, defaults.gan.pacFor(100_000));
        SynthConfig wide = SynthConfig.load(null, List.of("gan.discriminator-layers=[1024, 256]"));
        assertEquals(5, wide.gan.pacFor(794), "a wider first layer takes the image's pack of 5");
        SynthConfig own = SynthConfig.load(null, List.of("gan.pac=3"));
        assertEquals(3, own.gan.pacFor(794), "a pack of the user's own is kept");
    }

    @Test
    void theModelsConfigHoldsThePackAndItDividesTheUsersBatch() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8));
        SynthConfig table = ModelTrainer.withPac(SynthConfig.load(null, List.of()), 116, progress);
        assertEquals(5, table.gan.pac());
        SynthConfig image = ModelTrainer.withPac(SynthConfig.load(null, List.of()), 794, progress);
        assertEquals(1, image.gan.pac());
        SynthConfig batch = ModelTrainer.withPac(SynthConfig.load(null, List.of("train.batch-size=52")), 116, progress);
        assertEquals(4, batch.gan.pac(), "52 rows split into packs of 4, not 5");
        SynthConfig own = SynthConfig.load(null, List.of("gan.pac=2"));
        assertEquals(2, ModelTrainer.withPac(own, 794, progress).gan.pac());
        String printed = log.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("gan.pac 1 (auto: rows 794 encoded values wide"), printed);
    }
}
