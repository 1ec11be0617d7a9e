package io.sparksynth.generate;

import io.sparksynth.model.ConditionSampler;
import io.sparksynth.model.GanModel;
import io.sparksynth.model.OutputActivation;
import io.sparksynth.preprocess.TableTransform;

import java.io.Serializable;

/** What executors need to generate rows: the serialized generator and the decoding state; broadcast once. */
record GeneratorSpec(byte[] generator, TableTransform transform, OutputActivation activation,
                     ConditionSampler sampler, int noiseDim) implements Serializable {

    static GeneratorSpec of(GanModel model) {
        TableTransform t = model.transform();
        return new GeneratorSpec(model.generatorBytes(), t, new OutputActivation(t.blocks(), t.width()),
                new ConditionSampler(t, model.config().gan.conditional()), model.config().gan.noiseDim());
    }
}
