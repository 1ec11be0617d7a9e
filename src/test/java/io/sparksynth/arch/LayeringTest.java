package io.sparksynth.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.sparksynth.SynthException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages form the pipeline's layers, and each may use only the layers below it: data in,
 * preprocessing, the model, training and generation (siblings), evaluation, the report, the
 * workflow, then the interfaces. A dependency that points up or sideways fails here with the
 * classes that make it.
 */
@Tag("fast")
class LayeringTest {
    /** Bottom to top; packages in one layer are siblings and may not use each other. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of(""),
            Set.of("config", "io"),
            Set.of("data", "sink"),
            Set.of("preprocess"),
            Set.of("model"),
            Set.of("train", "generate"),
            Set.of("evaluate"),
            Set.of("report"),
            Set.of("workflow"),
            Set.of("api", "bench"),
            Set.of("cli"));
    private static final String ROOT = "io.sparksynth";

    @Test
    void everyPackageDependsOnlyOnLayersBelowIt() {
        JavaClasses classes = mainClasses();
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = subPackage(c.getPackageName());
            int fromLayer = layerOf(from);
            c.getDirectDependenciesFromSelf().forEach(d -> {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith(ROOT)) {
                    return;
                }
                String to = subPackage(target.getPackageName());
                if (!to.equals(from) && layerOf(to) >= fromLayer) {
                    violations.add(from + " -> " + to + ": " + c.getName() + " uses " + target.getName());
                }
            });
        }
        assertTrue(violations.isEmpty(), "dependencies that point up or sideways:\n" + String.join("\n", violations));
    }

    @Test
    void everyPackageHasALayer() {
        JavaClasses classes = mainClasses();
        Set<String> unplaced = new TreeSet<>();
        for (JavaPackage p : classes.getPackage(ROOT).getSubpackagesInTree()) {
            String sub = subPackage(p.getName());
            if (!p.getClasses().isEmpty() && layerOf(sub) < 0) {
                unplaced.add(sub);
            }
        }
        assertEquals(Set.of(), unplaced, "packages without a layer in LayeringTest.LAYERS");
    }

    /** The product's classes only (tests may reach across layers), read from where the build put them. */
    private static JavaClasses mainClasses() {
        try {
            Path dir = Path.of(SynthException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ClassFileImporter().importPath(dir);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first package level under io.sparksynth ("" for the root itself). */
    private static String subPackage(String pkg) {
        if (pkg.equals(ROOT)) {
            return "";
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static int layerOf(String sub) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(sub)) {
                return i;
            }
        }
        return -1;
    }

}
