package io.sparksynth.bench;

import io.sparksynth.train.NetworkState;
import io.sparksynth.train.TrainingSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The cost of one averaging round driven through dl4j-spark: {@code SparkDl4jMultiLayer.fit}
 * with a {@code ParameterAveragingTrainingMaster}, once for the discriminator phase and once for
 * the generator phase (a network of the generator's shape), which is the only way that API can
 * alternate two networks. Compared in the same run with sparksynth's GAN-aware round.
 */
final class RoundBench {
    private RoundBench() {
    }

    /** Milliseconds per round of two dl4j-spark fit() calls on the rows one round consumes. */
    static double dl4jSparkMillisPerRound(JavaSparkContext jsc, TrainingSpec spec, int workers, int k, int rounds) {
        int batch = spec.batchSize();
        MultiLayerNetwork d = network(spec.layout().discriminatorInput(), spec.gan().discriminatorLayers(), 1,
                LossFunctions.LossFunction.XENT, Activation.SIGMOID);
        MultiLayerNetwork g = network(spec.layout().generatorInput(), spec.gan().generatorLayers(), spec.layout().width(),
                LossFunctions.LossFunction.MSE, Activation.IDENTITY);
        JavaRDD<DataSet> dData = data(jsc, workers * k, batch / spec.gan().pac(), spec.layout().discriminatorInput(), 1, workers);
        JavaRDD<DataSet> gData = data(jsc, workers * k, batch, spec.layout().generatorInput(), spec.layout().width(), workers);
        SparkDl4jMultiLayer sparkD = new SparkDl4jMultiLayer(jsc, d, master(batch / spec.gan().pac(), k, workers));
        SparkDl4jMultiLayer sparkG = new SparkDl4jMultiLayer(jsc, g, master(batch, k, workers));
        sparkD.fit(dData); // warm-up
        sparkG.fit(gData);
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            sparkD.fit(dData);
            sparkG.fit(gData);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / rounds;
        dData.unpersist();
        gData.unpersist();
        return ms;
    }

    private static ParameterAveragingTrainingMaster master(int batch, int k, int workers) {
        return new ParameterAveragingTrainingMaster.Builder(workers).batchSizePerWorker(batch)
                .averagingFrequency(k).workerPrefetchNumBatches(0).rddTrainingApproach(
                        org.deeplearning4j.spark.api.RDDTrainingApproach.Direct).build();
    }

    private static MultiLayerNetwork network(int nIn, List<Integer> widths, int nOut, LossFunctions.LossFunction loss,
                                             Activation out) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).updater(new Adam(2e-4, 0.5, 0.999, 1e-8)).list();
        int in = nIn;
        for (int w : widths) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(w).activation(Activation.RELU).build());
            in = w;
        }
        b.layer(new OutputLayer.Builder(loss).nIn(in).nOut(nOut).activation(out).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Random minibatches of the shapes a round uses; persisted serialised as dl4j-spark requires. */
    private static JavaRDD<DataSet> data(JavaSparkContext jsc, int batches, int rows, int in, int out, int workers) {
        Random r = new Random(1);
        List<DataSet> list = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            float[] x = new float[rows * in];
            float[] y = new float[rows * out];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) r.nextGaussian();
            }
            for (int j = 0; j < y.length; j++) {
                y[j] = r.nextBoolean() ? 1f : 0f;
            }
            list.add(new DataSet(Nd4j.create(x, new long[]{rows, in}, 'c'), Nd4j.create(y, new long[]{rows, out}, 'c')));
        }
        JavaRDD<DataSet> rdd = jsc.parallelize(list, workers).persist(StorageLevel.MEMORY_ONLY_SER());
        rdd.count();
        return rdd;
    }

    /** Bytes shipped per round by sparksynth's loop: both networks and both Adam states, each way. */
    static long ganRoundPayloadBytes(NetworkState g, NetworkState d) {
        return 4L * (g.params().length + g.updater().length + d.params().length + d.updater().length);
    }
}
