package org.onset.fem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.fem.FemModel;

/** The COMSOL inputs: STEP and NASTRAN through the real gmsh, and a Java model file that is valid Java. */
class ComsolExportTest {

    /** Coarse: the files' structure is under test, not the field. */
    static FemModel coarse() throws Exception {
        return Fig6.model().withMesh(new FemModel.MeshSizes(150, 4, 40)).withInclusions(List.of(
                new FemModel.Inclusion(0, 0, 150, 5.1, FemModel.Shape.HEMISPHERE, 0),
                new FemModel.Inclusion(-400, 200, 80, 7.5, FemModel.Shape.CYLINDER, 60)));
    }

    @Test
    void stepBdfAndJavaAreWritten(@TempDir Path dir) throws Exception {
        List<Path> files = new GmshGetDpSolver().exportComsol(coarse(), dir, m -> { });
        assertTrue(files.contains(dir.resolve("model.step")) && files.contains(dir.resolve("model.bdf"))
                && files.contains(dir.resolve("OnsetFemModel.java")), files.toString());

        String step = Files.readString(dir.resolve("model.step"));
        assertTrue(step.startsWith("ISO-10303-21;"), "STEP header");
        assertTrue(step.contains("FILE_SCHEMA") && step.contains("MANIFOLD_SOLID_BREP"), "STEP solids");
        assertTrue(step.trim().endsWith("END-ISO-10303-21;"));

        // the BDF: every element's property id is a region (physical group) id
        int grids = 0;
        Map<String, Integer> tetsByRegion = new TreeMap<>();
        Map<String, Integer> trisByRegion = new TreeMap<>();
        int maxNode = 0;
        for (String line : Files.readAllLines(dir.resolve("model.bdf"), StandardCharsets.US_ASCII)) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "GRID" -> grids++;
                case "CTETRA" -> {
                    tetsByRegion.merge(f[2], 1, Integer::sum);
                    for (int i = 3; i < 7; i++) {
                        maxNode = Math.max(maxNode, Integer.parseInt(f[i]));
                    }
                }
                case "CTRIA3" -> trisByRegion.merge(f[2], 1, Integer::sum);
                default -> { }
            }
        }
        assertTrue(grids > 1000, "grid points: " + grids);
        assertTrue(maxNode <= grids, "elements refer to existing grid points");
        assertEquals(List.of("1", "101", "102", "2"), new ArrayList<>(tetsByRegion.keySet()),
                "tetrahedra in slab 1, air 2, inclusions 101 and 102: " + tetsByRegion);
        assertEquals(List.of("10", "11"), new ArrayList<>(trisByRegion.keySet()), "tip 10 and bottom 11: " + trisByRegion);
        System.out.println("fem comsol export: BDF " + grids + " GRID, tetrahedra by region " + tetsByRegion
                + ", triangles by region " + trisByRegion);

        // the Java model file parses (COMSOL's classes are absent here, so only the syntax is checked)
        String java = Files.readString(dir.resolve("OnsetFemModel.java"));
        assertTrue(java.contains("\"Electrostatics\"") && java.contains("\"Ground\"") && java.contains("\"Stationary\""));
        assertEquals(List.of(), syntaxErrors("OnsetFemModel", java));
    }

    @Test
    void theSyntaxCheckCatchesABrokenFile() {
        assertEquals(1, syntaxErrors("Broken", "public class Broken { void f() { int x = ; } }").size());
    }

    /**
     * Syntax errors only: javac stops after parsing ({@code -XDshould-stop.ifNoError=PARSE}), so the
     * missing COMSOL classes are never looked up.
     */
    static List<String> syntaxErrors(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "a JDK (javac) is needed for this test");
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        javac.getTask(new StringWriter(), null, diagnostics,
                List.of("-proc:none", "-XDshould-stop.ifNoError=PARSE", "-XDshould-stop.ifError=PARSE"), null, List.of(file))
                .call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add("line " + d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        return errors;
    }
}
