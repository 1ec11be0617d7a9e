package io.sparksynth.generate;

import io.sparksynth.model.GanLayout;
import io.sparksynth.model.GanModel;
import io.sparksynth.preprocess.TableTransform;

import java.io.Serializable;

/** What executors need to generate rows: the serialized generator and the decoding state; broadcast once. */
record GeneratorSpec(byte[] generator, TableTransform transform, GanLayout layout) implements Serializable {

    static GeneratorSpec of(GanModel model) {
        return new GeneratorSpec(model.generatorBytes(), model.transform(),
                GanLayout.of(model.transform(), model.config().gan));
    }
}
