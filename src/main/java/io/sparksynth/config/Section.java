package io.sparksynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import io.sparksynth.SynthException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One section of the merged configuration, read so that every bad value is a usage error naming
 * its full key. Typesafe's own errors name the key relative to the section ("noise-dim has type
 * ..."), and its integer getters truncate 1.5 to 1 and 1e30 to the largest long; here an integer
 * key needs a whole number in range and a real-valued key a finite number.
 */
final class Section {
    private final Config config;
    private final String prefix;

    private Section(Config config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    /** The top level, for keys such as {@code seed} or {@code generate.rows}. */
    static Section root(Config c) {
        return new Section(c, "");
    }

    /** The section {@code name} of the top level, e.g. {@code gan}. */
    static Section of(Config root, String name) {
        try {
            return new Section(root.getConfig(name), name + ".");
        } catch (ConfigException e) {
            throw wrong(name, "a section { ... }", got(root, name));
        }
    }

    String getString(String name) {
        return read(name, "a string", config::getString);
    }

    boolean getBoolean(String name) {
        return read(name, "true or false", config::getBoolean);
    }

    double getDouble(String name) {
        return finite(name, read(name, "a number", config::getDouble));
    }

    int getInt(String name) {
        return (int) whole(name, read(name, "a whole number", config::getNumber), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    long getLong(String name) {
        return whole(name, read(name, "a whole number", config::getNumber), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    List<String> getStringList(String name) {
        return List.copyOf(read(name, "a list of strings", config::getStringList));
    }

    List<Double> getDoubleList(String name) {
        List<Double> values = read(name, "a list of numbers", config::getDoubleList);
        values.forEach(v -> finite(name, v));
        return List.copyOf(values);
    }

    List<Integer> getIntList(String name) {
        List<Integer> out = new ArrayList<>();
        for (Number n : read(name, "a list of whole numbers", config::getNumberList)) {
            out.add((int) whole(name, n, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        return List.copyOf(out);
    }

    /**
     * An open section whose keys the user names (columns), each holding a list of whole numbers;
     * sorted by key, so that the order does not depend on the file's.
     */
    Map<String, List<Integer>> getIntListMap(String name) {
        ConfigObject object = read(name, "a section { name = [...] }", config::getObject);
        Map<String, List<Integer>> out = new TreeMap<>();
        for (String key : object.keySet()) {
            out.put(key, getIntList(ConfigUtil.joinPath(name, key)));
        }
        return Collections.unmodifiableMap(out);
    }

    private <T> T read(String name, String expected, Function<String, T> getter) {
        try {
            return getter.apply(name);
        } catch (ConfigException e) {
            throw wrong(prefix + name, expected, got(config, name));
        }
    }

    private double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw wrong(prefix + name, "a finite number", got(config, name));
        }
        return v;
    }

    private long whole(String name, Number n, long min, long max) {
        boolean exact = n instanceof Integer || n instanceof Long;
        double d = n.doubleValue();
        // 2^63 is the first double above Long.MAX_VALUE
        if ((!exact && (d != Math.rint(d) || Math.abs(d) >= 0x1p63)) || n.longValue() < min || n.longValue() > max) {
            throw wrong(prefix + name, "a whole number from " + min + " to " + max, got(config, name));
        }
        return n.longValue();
    }

    private static String got(Config c, String name) {
        try {
            if (!c.hasPathOrNull(name)) {
                return "nothing";
            }
            return c.getIsNull(name) ? "null" : c.getValue(name).render(ConfigRenderOptions.concise());
        } catch (ConfigException e) {
            return "a value of another type";
        }
    }

    private static SynthException wrong(String key, String expected, String got) {
        return SynthException.usage("config key " + key + " must be " + expected + ", got " + got);
    }
}
