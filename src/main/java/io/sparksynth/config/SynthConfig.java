package io.sparksynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.sparksynth.SynthException;

import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    public final OutputFormat format;
    public final CatalogOptions catalog;
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
        Section top = Section.root(c);
        this.input = top.getString("input");
        this.output = top.getString("output");
        this.format = OutputFormat.parse(top.getString("format"), "format");
        this.catalog = CatalogOptions.from(Section.of(c, "catalog"));
        this.seed = top.getLong("seed");
        this.holdout = top.getDouble("split.holdout");
        this.schema = SchemaOptions.from(Section.of(c, "schema"));
        this.clean = CleanOptions.from(Section.of(c, "clean"));
        this.transform = TransformOptions.from(Section.of(c, "transform"));
        this.gan = GanOptions.from(Section.of(c, "gan"));
        this.train = TrainOptions.from(Section.of(c, "train"));
        this.generateRows = top.getLong("generate.rows");
        this.generatePartitions = top.getInt("generate.partitions");
        this.evaluate = EvaluateOptions.from(Section.of(c, "evaluate"));
        this.rendered = c.root().render(ConfigRenderOptions.concise().setFormatted(true));
        check(holdout >= 0 && holdout < 1, "split.holdout", "must be in [0, 1)");
        check(generateRows >= 0, "generate.rows", "must be 0 (as many as the training rows) or positive");
        check(generatePartitions >= 0, "generate.partitions", "must be 0 (default parallelism) or positive");
    }

    /** Defaults only. */
    public static SynthConfig defaults() {
        return load(null, List.of());
    }

    /**
     * Loads a config file (may be null) with overrides of the form {@code key=value}.
     *
     * @throws SynthException exit 2 for a missing file, a syntax error, an unresolvable substitution, an
     *                        unknown key, or a value of the wrong type or out of range (named by its key)
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
        user = resolve(user, reference);
        rejectUnknownKeys(user, reference);
        rejectWrongTypes(user, reference);
        return new SynthConfig(user.withFallback(reference).resolve());
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

    /** Resolves the ${...} substitutions of the user's values against everything set, as HOCON defines them. */
    private static Config resolve(Config user, Config fallback) {
        try {
            return user.resolveWith(user.withFallback(fallback));
        } catch (ConfigException e) {
            throw SynthException.usage("cannot resolve a ${...} substitution: " + e.getMessage());
        }
    }

    private static void rejectUnknownKeys(Config user, Config reference) {
        for (Map.Entry<String, ConfigValue> e : leaves(user).entrySet()) {
            String key = e.getKey();
            if (!reference.hasPathOrNull(key) && !inOpenSection(key, reference)) {
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

    /**
     * A value must convert to the type of its default, checked with its full key for a clear message.
     * (Integer ranges and list elements are checked where each section reads them, see {@link Section}.)
     */
    private static void rejectWrongTypes(Config user, Config reference) {
        for (Map.Entry<String, ConfigValue> e : leaves(user).entrySet()) {
            String key = e.getKey();
            if (inOpenSection(key, reference)) {
                continue; // its reader checks each value with its full key
            }
            ConfigValueType expected = reference.getValue(key).valueType();
            if (e.getValue().valueType() == ConfigValueType.NULL || expected == ConfigValueType.OBJECT) {
                throw SynthException.usage("config key " + key + " must be "
                        + (expected == ConfigValueType.OBJECT ? "a section { ... }" : "a "
                        + expected.name().toLowerCase() + " like its default "
                        + reference.getValue(key).render(ConfigRenderOptions.concise()))
                        + ", got " + e.getValue().render(ConfigRenderOptions.concise()));
            }
            try {
                switch (expected) {
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

    /**
     * Whether {@code key} lies in an open section: one that reference.conf declares empty
     * ({@code schema.shapes {}}) because its keys are names of the user's, such as columns.
     */
    private static boolean inOpenSection(String key, Config reference) {
        List<String> path = ConfigUtil.splitPath(key);
        for (int n = 1; n < path.size(); n++) {
            String prefix = ConfigUtil.joinPath(path.subList(0, n));
            if (reference.hasPath(prefix) && reference.getValue(prefix) instanceof ConfigObject o && o.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Every value the user set, by full key; unlike {@link Config#entrySet()} with its nulls. */
    private static Map<String, ConfigValue> leaves(Config user) {
        Map<String, ConfigValue> out = new TreeMap<>();
        collect(user.root(), new ArrayList<>(), out);
        return out;
    }

    private static void collect(ConfigObject object, List<String> path, Map<String, ConfigValue> out) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            if (e.getValue() instanceof ConfigObject child) {
                collect(child, p, out);
            } else {
                out.put(ConfigUtil.joinPath(p), e.getValue());
            }
        }
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
            Config one = resolve(parse(() -> ConfigFactory.parseString(o), "override " + o),
                    user.withFallback(reference));
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
