package io.sparksynth.evaluate.images;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs the classifier over a whole table on the executors: the network is broadcast as bytes, each
 * partition restores it once and classifies its rows in batches of {@link #BATCH}, counting hits per
 * label and summing the feature-layer activations ({@link TablePredictions}). Only one such summary
 * per partition reaches the driver; a table of more than {@link #MAX_PARTITIONS} partitions is
 * coalesced to that many first, which bounds them (about 33 KB each for 64 features).
 */
final class Predictor {
    static final int BATCH = 256;
    static final int MAX_PARTITIONS = 256;

    private Predictor() {
    }

    static TablePredictions predict(Dataset<Row> table, Broadcast<byte[]> network, ImageLayout layout,
                                    Classes classes) {
        JavaRDD<Row> rows = table.select(ImageTable.LABEL, ImageTable.IMAGE).javaRDD();
        if (rows.getNumPartitions() > MAX_PARTITIONS) {
            rows = rows.coalesce(MAX_PARTITIONS);
        }
        List<TablePredictions> parts = rows.mapPartitions((Iterator<Row> it) -> List.of(
                partition(it, network.value(), layout, classes)).iterator()).collect();
        TablePredictions out = new TablePredictions(classes.size(), CnnClassifier.FEATURES);
        parts.forEach(out::merge);
        return out;
    }

    static Broadcast<byte[]> broadcast(Dataset<Row> anyTable, MultiLayerNetwork net) {
        return JavaSparkContext.fromSparkContext(anyTable.sparkSession().sparkContext())
                .broadcast(CnnClassifier.bytes(net));
    }

    private static TablePredictions partition(Iterator<Row> it, byte[] network, ImageLayout layout, Classes classes) {
        TablePredictions out = new TablePredictions(classes.size(), CnnClassifier.FEATURES);
        if (!it.hasNext()) {
            return out;
        }
        MultiLayerNetwork net = CnnClassifier.restore(network);
        int featureIndex = CnnClassifier.featureActivation(net);
        int d = layout.size();
        List<Integer> labels = new ArrayList<>(BATCH);
        float[] x = new float[BATCH * d];
        while (it.hasNext()) {
            labels.clear();
            while (it.hasNext() && labels.size() < BATCH) {
                Row r = it.next();
                System.arraycopy(layout.input(r.getList(1)), 0, x, labels.size() * d, d);
                labels.add(classes.of(r.getString(0)));
            }
            int b = labels.size();
            float[] batch = b == BATCH ? x : java.util.Arrays.copyOf(x, b * d);
            List<INDArray> acts = net.feedForward(Nd4j.create(batch, new long[]{b, d}, 'c'), false);
            float[] features = acts.get(featureIndex).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c')
                    .data().asFloat();
            INDArray predicted = acts.get(acts.size() - 1).argMax(1);
            for (int i = 0; i < b; i++) {
                out.features.add(features, i * CnnClassifier.FEATURES);
                int label = labels.get(i);
                if (label < 0) {
                    out.unknownLabel++;
                    continue;
                }
                out.rows[label]++;
                if (predicted.getInt(i) == label) {
                    out.correct[label]++;
                }
            }
        }
        return out;
    }
}
