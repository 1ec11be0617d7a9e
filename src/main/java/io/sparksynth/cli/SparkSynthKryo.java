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
 * registrator themselves; a notebook whose session uses Kryo sets
 * {@code spark.kryo.registrator=io.sparksynth.cli.SparkSynthKryo}.
 */
public final class SparkSynthKryo implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    }
}
