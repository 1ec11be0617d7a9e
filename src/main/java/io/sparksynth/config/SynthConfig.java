package io.sparksynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.sparksynth.SynthException;

import java.io.File;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The whole, validated configuration of a run: defaults from {@code reference.conf}, then a
 * config file, then {@code --set key=value} overrides. Immutable; every section is a small
 * record so that each stage receives only what it uses.
 */
public final class SynthConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String input;
    public final String output;
    public final long seed;
    public final double holdout;
    public final SchemaOptions schema;
    public final CleanOptions clean;
    public final TransformOptions transform;
    public final GanOptions gan;
    public final TrainOptions train;
    public final long generateRows;
    public final int generatePartitions;
    public final EvaluateOptions evaluate;
    private final String rendered;

    private SynthConfig(Config c) {
        this.input = c.getString("input");
        this.output = c.getString("output");
        this.seed = c.getLong("seed");
        this.holdout = c.getDouble("split.holdout");
        this.schema = SchemaOptions.from(c.getConfig("schema"));
        this.clean = CleanOptions.from(c.getConfig("clean"));
        this.transform = TransformOptions.from(c.getConfig("transform"));
        this.gan = GanOptions.from(c.getConfig("gan"));
        this.train = TrainOptions.from(c.getConfig("train"));
        this.generateRows = c.getLong("generate.rows");
        this.generatePartitions = c.getInt("generate.partitions");
        this.evaluate = EvaluateOptions.from(c.getConfig("evaluate"));
        this.rendered = c.root().render(ConfigRenderOptions.concise().setFormatted(true));
        check(holdout >= 0 && holdout < 1, "split.holdout", "must be in [0, 1)");
    }

    /** Defaults only. */
    public static SynthConfig defaults() {
        return load(null, List.of());
    }

    /**
     * Loads a config file (may be null) with overrides of the form {@code key=value}.
     *
     * @throws SynthException exit 2 for a missing file, a syntax error, an unknown key or a wrong type
     */
    public static SynthConfig load(String file, List<String> overrides) {
        Config reference = ConfigFactory.parseResources(SynthConfig.class.getClassLoader(), "reference.conf",
                ConfigParseOptions.defaults().setAllowMissing(false));
        Config user = ConfigFactory.empty();
        if (file != null) {
            File f = new File(file);
            if (!f.isFile()) {
                throw SynthException.usage("config file " + file + " does not exist: pass an existing --conf FILE");
            }
            user = parse(() -> ConfigFactory.parseFile(f), file);
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw SynthException.usage("--set " + o + " is not of the form key=value");
            }
            String key = o.substring(0, eq).trim();
            String value = o.substring(eq + 1).trim();
            Config one = parse(() -> ConfigFactory.parseString(key + " = " + value), "--set " + o);
            user = one.withFallback(user);
        }
        rejectUnknownKeys(user, reference);
        rejectWrongTypes(user, reference);
        Config merged = user.withFallback(reference).resolve();
        try {
            return new SynthConfig(merged);
        } catch (ConfigException.WrongType e) {
            throw SynthException.usage("config key " + keyOf(e) + " has the wrong type: " + e.getMessage()
                    + " (see the defaults in reference.conf, listed in the README)");
        } catch (ConfigException e) {
            throw SynthException.usage("config error: " + e.getMessage());
        }
    }

    private interface ConfigSupplier {
        Config get();
    }

    private static Config parse(ConfigSupplier s, String where) {
        try {
            return s.get();
        } catch (ConfigException e) {
            throw SynthException.usage("cannot parse " + where + ": " + e.getMessage());
        }
    }

    private static void rejectUnknownKeys(Config user, Config reference) {
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            if (!reference.hasPathOrNull(key)) {
                TreeSet<String> accepted = new TreeSet<>();
                String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
                for (Map.Entry<String, ConfigValue> r : reference.entrySet()) {
                    if (r.getKey().startsWith(section + ".")) {
                        accepted.add(r.getKey());
                    }
                }
                if (accepted.isEmpty()) {
                    section = "";
                    reference.entrySet().forEach(r -> accepted.add(r.getKey()));
                }
                throw SynthException.usage("unknown config key '" + key + "'. Accepted keys"
                        + (section.isEmpty() ? "" : " under '" + section + "'") + ": " + String.join(", ", accepted));
            }
        }
    }

    /** A value must convert to the type of its default, checked with its full key for a clear message. */
    private static void rejectWrongTypes(Config user, Config reference) {
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            try {
                switch (reference.getValue(key).valueType()) {
                    case NUMBER -> user.getDouble(key);
                    case BOOLEAN -> user.getBoolean(key);
                    case LIST -> user.getList(key);
                    case STRING -> user.getString(key);
                    default -> {
                    }
                }
            } catch (ConfigException.WrongType | ConfigException.BadValue ex) {
                throw SynthException.usage("config key " + key + " must be a "
                        + reference.getValue(key).valueType().name().toLowerCase() + " like its default "
                        + reference.getValue(key).render(ConfigRenderOptions.concise()) + ", got "
                        + e.getValue().render(ConfigRenderOptions.concise()));
            }
        }
    }

    private static String keyOf(ConfigException e) {
        String m = e.getMessage();
        int i = m.indexOf(": ");
        return i > 0 ? m.substring(0, i) : m;
    }

    static void check(boolean ok, String key, String what) {
        if (!ok) {
            throw SynthException.usage("config key " + key + " " + what);
        }
    }

    /** The effective configuration as HOCON/JSON text, recorded in the model directory. */
    public String render() {
        return rendered;
    }

    /** This configuration with some keys overridden ({@code key=value}, checked like --set). */
    public SynthConfig with(List<String> overrides) {
        Config reference = ConfigFactory.parseResources(SynthConfig.class.getClassLoader(), "reference.conf");
        Config user = ConfigFactory.parseString(rendered);
        for (String o : overrides) {
            Config one = parse(() -> ConfigFactory.parseString(o), "override " + o);
            rejectUnknownKeys(one, reference);
            rejectWrongTypes(one, reference);
            user = one.withFallback(user);
        }
        return new SynthConfig(user.withFallback(reference).resolve());
    }

    /** Re-reads a config rendered by {@link #render()}. */
    public static SynthConfig fromRendered(String text) {
        Config reference = ConfigFactory.parseResources(SynthConfig.class.getClassLoader(), "reference.conf");
        return new SynthConfig(ConfigFactory.parseString(text).withFallback(reference).resolve());
    }
}
