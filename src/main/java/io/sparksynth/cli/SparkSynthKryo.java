package io.sparksynth.cli;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets sparksynth run where Kryo is Spark's serializer (a common cluster default). What crosses
 * the wire between driver and executors (training specs, averaged network states, round
 * results, generator specs) are Java records, whose final fields Kryo's field serializer cannot
 * set on Java 17; they go through Java serialization inside Kryo instead. They are few and
 * large (arrays of parameters), so the cost is the arrays' copy either way. Commands add this
 * registrator themselves, with ND4J's ({@link #ND4J}: INDArrays hold off-heap buffers that Kryo's
 * default serializers cannot copy, and dl4j-spark refuses to train without it); a notebook whose
 * session uses Kryo sets
 * {@code spark.kryo.registrator=io.sparksynth.cli.SparkSynthKryo,org.nd4j.kryo.Nd4jRegistrator}.
 */
public final class SparkSynthKryo implements KryoRegistrator {
    /** ND4J's registrator (shipped in dl4j-spark's jar, serializers from nd4j-kryo). */
    static final String ND4J = "org.nd4j.kryo.Nd4jRegistrator";

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    }
}
