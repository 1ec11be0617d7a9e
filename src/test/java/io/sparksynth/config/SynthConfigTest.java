package io.sparksynth.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.sparksynth.SynthException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration as a user meets it: defaults from reference.conf, a config file, --set
 * overrides, and the rendered copy a model directory keeps. Every key is listed once below with
 * how to read it back, so a new key in reference.conf fails this test until it is covered; every
 * invalid value must be a usage error (exit 2) that names its key.
 */
@Tag("fast")
class SynthConfigTest {

    /** Every key of reference.conf and its value in a loaded config, spelled as in the file. */
    private static final Map<String, Function<SynthConfig, Object>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("input", c -> c.input);
        KEYS.put("output", c -> c.output);
        KEYS.put("format", c -> c.format.id());
        KEYS.put("catalog.local-dir", c -> c.catalog.localDir());
        KEYS.put("catalog.metastore-uri", c -> c.catalog.metastoreUri());
        KEYS.put("catalog.artifacts-dir", c -> c.catalog.artifactsDir());
        KEYS.put("seed", c -> c.seed);
        KEYS.put("split.holdout", c -> c.holdout);
        KEYS.put("schema.categorical", c -> c.schema.categorical());
        KEYS.put("schema.continuous", c -> c.schema.continuous());
        KEYS.put("schema.exclude", c -> c.schema.exclude());
        KEYS.put("schema.integer-categorical-max-distinct", c -> c.schema.integerCategoricalMaxDistinct());
        KEYS.put("schema.unsupported", c -> c.schema.failOnUnsupported() ? "fail" : "exclude");
        KEYS.put("schema.shapes", c -> c.schema.shapes());
        KEYS.put("schema.identifier-min-distinct-ratio", c -> c.schema.identifierMinDistinctRatio());
        KEYS.put("schema.identifier-min-rows", c -> c.schema.identifierMinRows());
        KEYS.put("clean.trim-strings", c -> c.clean.trimStrings());
        KEYS.put("clean.missing-markers", c -> c.clean.missingMarkers());
        KEYS.put("clean.non-finite", c -> c.clean.failOnNonFinite() ? "fail" : "null");
        KEYS.put("clean.clip-quantiles", c -> c.clean.clipQuantiles());
        KEYS.put("transform.continuous", c -> c.transform.continuous().name().toLowerCase().replace('_', '-'));
        KEYS.put("transform.max-modes", c -> c.transform.maxModes());
        KEYS.put("transform.point-mass-min-share", c -> c.transform.pointMassMinShare());
        KEYS.put("transform.max-categories", c -> c.transform.maxCategories());
        KEYS.put("transform.fit-sample-rows", c -> c.transform.fitSampleRows());
        KEYS.put("transform.derive-dependent-columns", c -> c.transform.deriveDependencies());
        KEYS.put("transform.dependency-min-rows", c -> c.transform.dependencyMinRows());
        KEYS.put("transform.rare-min-count", c -> c.transform.rareMinCount());
        KEYS.put("transform.rare-values", c -> c.transform.freshRareValues() ? "fresh" : "copy");
        KEYS.put("gan.noise-dim", c -> c.gan.noiseDim());
        KEYS.put("gan.generator-layers", c -> c.gan.generatorLayers());
        KEYS.put("gan.generator-residual", c -> c.gan.residualGenerator());
        KEYS.put("gan.discriminator-layers", c -> c.gan.discriminatorLayers());
        KEYS.put("gan.discriminator-activation", c -> c.gan.leakyDiscriminator() ? "leakyrelu" : "relu");
        KEYS.put("gan.discriminator-dropout", c -> c.gan.discriminatorDropout());
        KEYS.put("gan.generator-learning-rate", c -> c.gan.generatorLearningRate());
        KEYS.put("gan.discriminator-learning-rate", c -> c.gan.discriminatorLearningRate());
        KEYS.put("gan.adam-beta1", c -> c.gan.adamBeta1());
        KEYS.put("gan.adam-beta2", c -> c.gan.adamBeta2());
        KEYS.put("gan.discriminator-steps", c -> c.gan.discriminatorSteps());
        KEYS.put("gan.label-smoothing", c -> c.gan.labelSmoothing());
        KEYS.put("gan.pac", c -> c.gan.pac());
        KEYS.put("gan.conditional", c -> c.gan.conditional());
        KEYS.put("gan.gumbel-tau", c -> c.gan.gumbelTau());
        KEYS.put("gan.architecture", c -> c.gan.architecture());
        KEYS.put("gan.generator-filters", c -> c.gan.generatorFilters());
        KEYS.put("gan.discriminator-filters", c -> c.gan.discriminatorFilters());
        KEYS.put("gan.r1-penalty", c -> c.gan.r1Penalty());
        KEYS.put("gan.r1-every", c -> c.gan.r1Every());
        KEYS.put("gan.loss", c -> c.gan.loss());
        KEYS.put("gan.gradient-penalty", c -> c.gan.gradientPenalty());
        KEYS.put("train.epochs", c -> c.train.epochs());
        KEYS.put("train.batch-size", c -> c.train.batchSize());
        KEYS.put("train.workers", c -> c.train.workers());
        KEYS.put("train.averaging-frequency", c -> c.train.averagingFrequency());
        KEYS.put("train.early-stopping-patience", c -> c.train.earlyStoppingPatience());
        KEYS.put("train.early-stopping-min-delta", c -> c.train.earlyStoppingMinDelta());
        KEYS.put("train.log-every", c -> c.train.logEvery());
        KEYS.put("train.generator-ema", c -> c.train.generatorEma());
        KEYS.put("train.checkpoint-every", c -> c.train.checkpointEvery());
        KEYS.put("train.calibrate-marginals", c -> c.train.calibrateMarginals());
        KEYS.put("train.calibration-rows", c -> c.train.calibrationRows());
        KEYS.put("train.select-best", c -> c.train.selectBest());
        KEYS.put("train.validation-rows", c -> c.train.validationRows());
        KEYS.put("train.validate-every", c -> c.train.validateEvery());
        KEYS.put("train.validation-patience", c -> c.train.validationPatience());
        KEYS.put("generate.rows", c -> c.generateRows);
        KEYS.put("generate.partitions", c -> c.generatePartitions);
        KEYS.put("evaluate.target", c -> c.evaluate.target());
        KEYS.put("evaluate.sample-rows", c -> c.evaluate.sampleRows());
        KEYS.put("evaluate.pair-min-correlation", c -> c.evaluate.pairMinCorrelation());
        KEYS.put("evaluate.pair-min-cramers-v", c -> c.evaluate.pairMinCramersV());
        KEYS.put("evaluate.max-pairs", c -> c.evaluate.maxPairs());
        KEYS.put("evaluate.images.enabled", c -> c.evaluate.images());
        KEYS.put("evaluate.images.augmentation-real", c -> c.evaluate.augmentationReal());
        KEYS.put("evaluate.images.augmentation-synthetic", c -> c.evaluate.augmentationSynthetic());
    }

    /** A valid value other than the default for every key, as a user would write it after --set key=. */
    private static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();

    static {
        String[][] pairs = {
                {"input", "\"data/adult.parquet\""}, {"output", "out/run-1"}, {"format", "delta"},
                {"catalog.local-dir", "/tmp/catalog"}, {"catalog.metastore-uri", "\"thrift://metastore:9083\""},
                {"catalog.artifacts-dir", "runs/synth"}, {"seed", "9007199254740993"},
                {"split.holdout", "0.2"}, {"schema.categorical", "[zip, \"state code\"]"},
                {"schema.continuous", "[age]"}, {"schema.exclude", "[id, name]"},
                {"schema.integer-categorical-max-distinct", "0"}, {"schema.unsupported", "fail"},
                {"schema.shapes", "{pixels = [28, 28], \"rgb.image\" = [4, 5, 3]}"},
                {"schema.identifier-min-distinct-ratio", "0.5"}, {"schema.identifier-min-rows", "10"},
                {"clean.trim-strings", "true"}, {"clean.missing-markers", "[\"?\", \"NA\", \"\"]"},
                {"clean.non-finite", "fail"}, {"clean.clip-quantiles", "[0.001, 0.999]"},
                {"transform.continuous", "mode-specific"}, {"transform.max-modes", "50"},
                {"transform.point-mass-min-share", "0"}, {"transform.max-categories", "2"},
                {"transform.fit-sample-rows", "100"}, {"transform.derive-dependent-columns", "false"},
                {"transform.dependency-min-rows", "1"}, {"transform.rare-min-count", "5"},
                {"transform.rare-values", "copy"}, {"gan.noise-dim", "1"}, {"gan.generator-layers", "[32]"},
                {"gan.discriminator-layers", "[64, 32, 16]"}, {"gan.discriminator-activation", "leakyrelu"},
                {"gan.discriminator-dropout", "0"}, {"gan.generator-learning-rate", "1e-3"},
                {"gan.discriminator-learning-rate", "0.01"}, {"gan.adam-beta1", "0"}, {"gan.adam-beta2", "0.9"},
                {"gan.discriminator-steps", "5"}, {"gan.label-smoothing", "0.1"}, {"gan.pac", "1"},
                {"gan.conditional", "false"}, {"gan.gumbel-tau", "1.5"}, {"gan.architecture", "conv"},
                {"gan.generator-filters", "[16]"}, {"gan.discriminator-filters", "[8, 16, 32]"}, {"gan.r1-penalty", "2.5"},
                {"gan.r1-every", "1"}, {"gan.generator-residual", "true"}, {"gan.loss", "wasserstein"},
                {"gan.gradient-penalty", "5"}, {"train.epochs", "1"},
                {"train.batch-size", "2"}, {"train.workers", "3"}, {"train.averaging-frequency", "1"},
                {"train.early-stopping-patience", "10"}, {"train.early-stopping-min-delta", "0"},
                {"train.log-every", "50"}, {"train.generator-ema", "0"}, {"train.checkpoint-every", "0"},
                {"train.calibrate-marginals", "false"}, {"train.calibration-rows", "5000"},
                {"train.select-best", "false"}, {"train.validation-rows", "300"}, {"train.validate-every", "4"},
                {"train.validation-patience", "0"},
                {"generate.rows", "3000000000"}, {"generate.partitions", "8"}, {"evaluate.target", "income"},
                {"evaluate.sample-rows", "100"}, {"evaluate.pair-min-correlation", "1"},
                {"evaluate.pair-min-cramers-v", "0.25"}, {"evaluate.max-pairs", "7"},
                {"evaluate.images.enabled", "false"},
                {"evaluate.images.augmentation-real", "[]"}, {"evaluate.images.augmentation-synthetic", "2000"}};
        for (String[] p : pairs) {
            OTHER_VALUES.put(p[0], p[1]);
        }
    }

    private static Config reference() {
        return ConfigFactory.parseResources(SynthConfigTest.class.getClassLoader(), "reference.conf");
    }

    /** The keys of reference.conf: every value, and every empty section (an open one, such as schema.shapes). */
    private static TreeSet<String> referenceKeys() {
        TreeSet<String> keys = new TreeSet<>();
        reference().entrySet().forEach(e -> keys.add(e.getKey()));
        collectEmptySections(reference().root(), "", keys);
        return keys;
    }

    private static void collectEmptySections(ConfigObject o, String path, TreeSet<String> into) {
        o.forEach((k, v) -> {
            if (v instanceof ConfigObject child) {
                String p = path.isEmpty() ? k : path + "." + k;
                if (child.isEmpty()) {
                    into.add(p);
                }
                collectEmptySections(child, p, into);
            }
        });
    }

    @Test
    void theTestCoversEveryKeyOfReferenceConf() {
        TreeSet<String> reference = referenceKeys();
        assertEquals(reference, new TreeSet<>(KEYS.keySet()), "keys read back by this test");
        assertEquals(reference, new TreeSet<>(OTHER_VALUES.keySet()), "keys overridden by this test");
    }

    @Test
    void defaultsAreTheValuesOfReferenceConf() {
        SynthConfig defaults = SynthConfig.defaults();
        Config reference = reference();
        for (Map.Entry<String, Function<SynthConfig, Object>> k : KEYS.entrySet()) {
            assertEquals(canonical(reference.getValue(k.getKey()).unwrapped()), canonical(k.getValue().apply(defaults)),
                    "default of " + k.getKey());
        }
        assertEquals(TransformOptions.Normalization.QUANTILE, defaults.transform.continuous());
    }

    @Test
    void theAutomaticLossIsTheWassersteinCriticForDenseNetworksAndTheMinimaxLossForConvolutions() {
        assertFalse(SynthConfig.defaults().gan.wasserstein(), "the default, bce");
        assertTrue(SynthConfig.load(null, List.of("gan.loss=auto")).gan.wasserstein(), "dense networks, auto");
        assertFalse(SynthConfig.load(null, List.of("gan.loss=auto", "gan.architecture=conv")).gan.wasserstein(),
                "conv: the gradient penalty cannot reach its critic, so auto is bce");
        assertFalse(SynthConfig.load(null, List.of("gan.loss=bce")).gan.wasserstein(), "bce asked for");
        assertTrue(SynthConfig.load(null, List.of("gan.loss=wasserstein")).gan.wasserstein(), "wasserstein asked for");
    }

    @Test
    void eachOverrideAppliesToItsKeyAndOnlyToIt() {
        SynthConfig defaults = SynthConfig.defaults();
        for (Map.Entry<String, String> o : OTHER_VALUES.entrySet()) {
            String key = o.getKey();
            SynthConfig c = SynthConfig.load(null, List.of(key + "=" + o.getValue()));
            Object expected = canonical(ConfigFactory.parseString("v = " + o.getValue()).getValue("v").unwrapped());
            assertEquals(expected, canonical(KEYS.get(key).apply(c)), "--set " + key + "=" + o.getValue());
            assertTrue(!expected.equals(canonical(KEYS.get(key).apply(defaults))), "not the default: " + key);
            for (Map.Entry<String, Function<SynthConfig, Object>> other : KEYS.entrySet()) {
                if (!other.getKey().equals(key)) {
                    assertEquals(canonical(other.getValue().apply(defaults)), canonical(other.getValue().apply(c)),
                            other.getKey() + " changed by --set " + key);
                }
            }
            assertEquals(expected, canonical(KEYS.get(key).apply(defaults.with(List.of(key + "=" + o.getValue())))),
                    "with(" + key + ")");
        }
    }

    @Test
    void laterOverridesWinOverEarlierOnesAndOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.conf");
        Files.writeString(file, "gan { noise-dim = 16, generator-layers = [8, 8] }\ntrain.epochs = 5\n"
                + "transform.continuous = minmax\n");
        SynthConfig c = SynthConfig.load(file.toString(), List.of("train.epochs=6", "train.epochs = 7",
                "gan.generator-layers=[4]"));
        assertEquals(16, c.gan.noiseDim(), "from the file");
        assertEquals(TransformOptions.Normalization.MINMAX, c.transform.continuous(), "from the file");
        assertEquals(7, c.train.epochs(), "the last --set");
        assertEquals(List.of(4), c.gan.generatorLayers(), "--set over the file");
        assertEquals(0, c.train.batchSize(), "default (auto) where neither says otherwise");
    }

    @Test
    void substitutionsResolveAgainstEverythingSet(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sub.conf"),
                "input = \"data/x.parquet\"\noutput = ${input}\"-out\"\n");
        SynthConfig c = SynthConfig.load(file.toString(), List.of("gan.noise-dim=${gan.pac}", "gan.pac=10"));
        assertEquals("data/x.parquet-out", c.output);
        assertEquals(10, c.gan.noiseDim());
        assertEquals(64, SynthConfig.defaults().with(List.of("train.epochs=${gan.noise-dim}")).train.epochs());
        SynthException e = assertThrows(SynthException.class,
                () -> SynthConfig.load(null, List.of("gan.noise-dim=${nowhere}")));
        assertEquals(SynthException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("${nowhere}"), e.getMessage());
    }

    @Test
    void renderedConfigReadsBackEqual() {
        List<String> all = new ArrayList<>();
        OTHER_VALUES.forEach((k, v) -> all.add(k + "=" + v));
        for (SynthConfig c : List.of(SynthConfig.defaults(), SynthConfig.load(null, all))) {
            SynthConfig back = SynthConfig.fromRendered(c.render());
            assertEquals(c.render(), back.render());
            for (Map.Entry<String, Function<SynthConfig, Object>> k : KEYS.entrySet()) {
                assertEquals(canonical(k.getValue().apply(c)), canonical(k.getValue().apply(back)), k.getKey());
            }
            assertEquals(c.gan, back.gan);
            assertEquals(c.train, back.train);
            assertEquals(c.transform, back.transform);
        }
    }

    @ParameterizedTest(name = "--set {0}")
    @CsvSource(delimiter = '|', value = {
            // numeric ranges
            "split.holdout=1 | split.holdout", "split.holdout=-0.1 | split.holdout",
            "format=orc | format", "catalog.metastore-uri=localhost | catalog.metastore-uri",
            "gan.noise-dim=0 | gan.noise-dim", "gan.discriminator-dropout=1 | gan.discriminator-dropout",
            "gan.label-smoothing=0.5 | gan.label-smoothing", "gan.pac=-1 | gan.pac",
            "gan.gumbel-tau=0 | gan.gumbel-tau", "gan.discriminator-steps=0 | gan.discriminator-steps",
            "gan.architecture=resnet | gan.architecture", "gan.generator-filters=[] | gan.generator-filters",
            "gan.discriminator-filters=[0] | gan.discriminator-filters",
            "gan.r1-penalty=-1 | gan.r1-penalty", "gan.r1-every=0 | gan.r1-every", "gan.loss=hinge | gan.loss",
            "gan.gradient-penalty=0 | gan.gradient-penalty",
            "gan.generator-learning-rate=0 | gan.generator-learning-rate",
            "gan.discriminator-learning-rate=-1e-4 | gan.discriminator-learning-rate",
            "gan.adam-beta1=1 | gan.adam-beta1", "gan.adam-beta2=-0.1 | gan.adam-beta2",
            "train.epochs=-1 | train.epochs", "train.batch-size=1 | train.batch-size", "train.workers=-1 | train.workers",
            "train.averaging-frequency=0 | train.averaging-frequency",
            "train.early-stopping-patience=-1 | train.early-stopping-patience",
            "train.early-stopping-min-delta=-0.5 | train.early-stopping-min-delta",
            "train.log-every=-1 | train.log-every", "train.generator-ema=1 | train.generator-ema",
            "train.checkpoint-every=-1 | train.checkpoint-every",
            "train.calibration-rows=10 | train.calibration-rows", "train.validation-rows=5 | train.validation-rows",
            "train.validate-every=-1 | train.validate-every",
            "train.validation-patience=-2 | train.validation-patience",
            "transform.max-modes=0 | transform.max-modes", "transform.max-modes=51 | transform.max-modes",
            "transform.point-mass-min-share=1 | transform.point-mass-min-share",
            "transform.max-categories=1 | transform.max-categories",
            "transform.fit-sample-rows=99 | transform.fit-sample-rows",
            "transform.dependency-min-rows=0 | transform.dependency-min-rows",
            "schema.integer-categorical-max-distinct=-1 | schema.integer-categorical-max-distinct",
            "evaluate.sample-rows=99 | evaluate.sample-rows",
            "evaluate.pair-min-correlation=1.5 | evaluate.pair-min-correlation",
            "evaluate.pair-min-cramers-v=-0.1 | evaluate.pair-min-cramers-v",
            "evaluate.max-pairs=0 | evaluate.max-pairs",
            "evaluate.images.augmentation-real=[0, 10] | evaluate.images.augmentation-real",
            "evaluate.images.augmentation-real=[50, 10] | evaluate.images.augmentation-real",
            "evaluate.images.augmentation-real=[10, 10] | evaluate.images.augmentation-real",
            "evaluate.images.augmentation-real=[2001] | evaluate.images.augmentation-real",
            "evaluate.images.augmentation-real=10 | evaluate.images.augmentation-real",
            "evaluate.images.augmentation-synthetic=0 | evaluate.images.augmentation-synthetic",
            "evaluate.images.augmentation-synthetic=2001 | evaluate.images.augmentation-synthetic",
            "evaluate.images.enabled=maybe | evaluate.images.enabled",
            "generate.rows=-1 | generate.rows", "generate.partitions=-2 | generate.partitions",
            "clean.clip-quantiles=[0.5] | clean.clip-quantiles", "clean.clip-quantiles=[0.9, 0.1] | clean.clip-quantiles",
            "clean.clip-quantiles=[-0.1, 0.9] | clean.clip-quantiles",
            "clean.clip-quantiles=[0.1, 1.5] | clean.clip-quantiles",
            // enumerations: unknown values, wrong case, empty
            "transform.continuous=gmm | transform.continuous", "transform.continuous=QUANTILE | transform.continuous",
            "transform.continuous=\"\" | transform.continuous",
            "gan.discriminator-activation=tanh | gan.discriminator-activation",
            "schema.unsupported=drop | schema.unsupported", "clean.non-finite=nan | clean.non-finite",
            // image shapes: an open section of column names, each [height, width(, channels)]
            "schema.shapes.pixels=[0, 28] | schema.shapes.pixels", "schema.shapes.pixels=[784] | schema.shapes.pixels",
            "schema.shapes.pixels=[2, 2, 2, 2] | schema.shapes.pixels", "schema.shapes.pixels=[] | schema.shapes.pixels",
            "schema.shapes.pixels=[28, 2.5] | schema.shapes.pixels", "schema.shapes.pixels=[a, b] | schema.shapes.pixels",
            "schema.shapes.pixels=28 | schema.shapes.pixels", "schema.shapes.pixels=null | schema.shapes.pixels",
            "schema.shapes.pixels.x=1 | schema.shapes.pixels", "schema.shapes=5 | schema.shapes",
            "schema.shapes.\"a.b\"=[-1, 3] | schema.shapes.\"a.b\"",
            // lists
            "gan.generator-layers=[] | gan.generator-layers", "gan.generator-layers=[0] | gan.generator-layers",
            "gan.generator-layers=[32, -1] | gan.generator-layers", "gan.generator-layers=[a, b] | gan.generator-layers",
            "gan.generator-layers=256 | gan.generator-layers", "gan.generator-layers=[1.5] | gan.generator-layers",
            "gan.generator-layers=[[32]] | gan.generator-layers", "gan.discriminator-layers=[] | gan.discriminator-layers",
            "gan.discriminator-layers=[32, 3000000000] | gan.discriminator-layers",
            "schema.exclude=id | schema.exclude", "schema.categorical=[[a]] | schema.categorical",
            "clean.clip-quantiles=[a, b] | clean.clip-quantiles", "clean.missing-markers=x | clean.missing-markers",
            // wrong types, fractions for integers, out of range, null, not finite
            "gan.noise-dim=abc | gan.noise-dim", "gan.noise-dim=1.5 | gan.noise-dim",
            "gan.noise-dim=\"1.5\" | gan.noise-dim", "gan.noise-dim=2147483648 | gan.noise-dim",
            "gan.noise-dim=null | gan.noise-dim", "gan.noise-dim=[64] | gan.noise-dim",
            "train.epochs=1e10 | train.epochs", "gan.conditional=maybe | gan.conditional",
            "gan.conditional=1 | gan.conditional",
            "gan.gumbel-tau=NaN | gan.gumbel-tau", "gan.gumbel-tau=Infinity | gan.gumbel-tau",
            "train.early-stopping-min-delta=Infinity | train.early-stopping-min-delta",
            "seed=abc | seed", "seed=1.5 | seed", "seed=null | seed", "generate.rows=2.5 | generate.rows",
            "generate.rows=1e30 | generate.rows", "generate.partitions=1.5 | generate.partitions",
            "transform.max-modes=\"2.5\" | transform.max-modes",
            "input=[1] | input", "input=null | input", "evaluate.target=null | evaluate.target",
            "gan=5 | gan", "split=0.2 | split",
            // unknown keys
            "gan.nose-dim=3 | gan.nose-dim", "foo=1 | foo", "gan.nose-dim=null | gan.nose-dim",
            "train.epochs.x=1 | train.epochs.x", "clean.missing-markers={a=1} | clean.missing-markers.a"})
    void anInvalidValueIsAUsageErrorNamingItsKey(String override, String key) {
        assertNamesKey(() -> SynthConfig.load(null, List.of(override)), key);
        assertNamesKey(() -> SynthConfig.defaults().with(List.of(override)), key);
    }

    @Test
    void anInvalidValueInAFileOrARenderedConfigNamesItsKeyToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "train {\n  epochs = 10\n  batch-size = 2.5\n}\n");
        assertNamesKey(() -> SynthConfig.load(file.toString(), List.of()), "train.batch-size");
        String rendered = SynthConfig.defaults().render().replace("\"noise-dim\" : 64", "\"noise-dim\" : -64");
        assertTrue(rendered.contains("-64"), "the rendered text spells the key as this test expects");
        assertNamesKey(() -> SynthConfig.fromRendered(rendered), "gan.noise-dim");
    }

    @Test
    void unreadableInputIsAUsageError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.conf");
        SynthException e = assertThrows(SynthException.class, () -> SynthConfig.load(missing.toString(), List.of()));
        assertEquals(SynthException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path broken = Files.writeString(dir.resolve("broken.conf"), "gan { noise-dim = \n");
        e = assertThrows(SynthException.class, () -> SynthConfig.load(broken.toString(), List.of()));
        assertEquals(SynthException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());

        e = assertThrows(SynthException.class, () -> SynthConfig.load(null, List.of("train.epochs")));
        assertEquals(SynthException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("train.epochs"), e.getMessage());
        e = assertThrows(SynthException.class, () -> SynthConfig.load(null, List.of("gan.noise-dim=[")));
        assertEquals(SynthException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("gan.noise-dim"), e.getMessage());
    }

    /** Exit 2, one line, and the key named as the key: "config key K ..." or "config key 'K'". */
    private static void assertNamesKey(Executable load, String key) {
        SynthException e = assertThrows(SynthException.class, load, "accepted instead of naming " + key);
        assertEquals(SynthException.USAGE, e.exitCode(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(Pattern.compile("config key '?" + Pattern.quote(key) + "['\\s]").matcher(e.getMessage()).find(),
                "the message names " + key + ": " + e.getMessage());
    }

    /** Numbers as exact decimals (also in lists), so that 64, 64L and 64.0 compare equal and 2^53 + 1 does not. */
    private static Object canonical(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.TreeMap<>();
            m.forEach((k, x) -> out.put(k, canonical(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(SynthConfigTest::canonical).toList();
        }
        if (v instanceof ConfigValue c) {
            return canonical(c.unwrapped());
        }
        return v;
    }
}
