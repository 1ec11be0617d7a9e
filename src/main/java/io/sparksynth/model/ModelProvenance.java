package io.sparksynth.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.Map;

/**
 * Where a model came from, written as model.json in its directory: the input and its size, the
 * seed, the schema it learned, the network shapes, how long training took and the software.
 *
 * @param format        model directory layout version
 * @param rows          real training rows the model saw (after any holdout)
 * @param holdout       share of the input held out before training
 * @param encodedWidth  width of an encoded row (the generator's output)
 * @param conditionWidth width of the conditional vector (0 when off)
 * @param workers       partitions that trained in parallel
 * @param epochs        epochs trained (fewer than configured after early stopping)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelProvenance(int format, String created, String input, long rows, double holdout, long seed,
                              List<Column> columns, int encodedWidth, int conditionWidth, int workers, int epochs,
                              double trainingSeconds, Map<String, String> versions) {
    public static final int FORMAT = 1;

    /**
     * A learned column as the model's schema records it.
     *
     * @param length vector columns: their length (null, and left out, for the other kinds)
     * @param shape  vector columns with an image shape: [height, width(, channels)] (null, and left out, otherwise)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Column(String name, String type, String kind, boolean nullable, Integer length,
                         List<Integer> shape) {
    }
}
