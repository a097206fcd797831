package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampSegment;
import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.RecipeProblem;

class RecipeCodecTest {
    private final JsonRecipeCodec codec = new JsonRecipeCodec();

    /** The repository's example recipes, found from the test module's directory. */
    static Path recipesDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("releng/recipes"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("releng/recipes not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("releng/recipes");
    }

    @Test
    void readsThePapersCurrentControlRecipeInSiUnits() throws Exception {
        MapRecipe r = codec.read(recipesDir().resolve("current-control.json"));
        assertEquals("sim", r.instrumentId());
        assertEquals(70, r.grid().nx());
        assertEquals(70, r.grid().ny());
        assertEquals(20e-9, r.grid().dx(), 1e-18);
        assertEquals(300e-9, r.grid().x0(), 1e-18);
        assertEquals(PixelOrder.SERPENTINE, r.order());
        assertEquals(0, r.ramp().startVolts());
        assertEquals(List.of(new RampSegment(-4.2, 1.2, 0)), r.ramp().segments());
        assertEquals(3.5, r.ramp().durationSeconds(), 1e-12);
        assertEquals(CutoffRule.current(-10e-12), r.cutoff());
        assertEquals(10_000, r.sampleRateHz());
        assertTrue(r.topography().before() && r.topography().after());
    }

    @Test
    void everyExampleRecipeIsValidAndSurvivesARoundTrip() throws Exception {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(recipesDir(), "*.json")) {
            for (Path f : files) {
                MapRecipe r = codec.read(f);
                assertEquals(r, codec.parse(codec.toJson(r), "round trip of " + f), f.toString());
                n++;
            }
        }
        assertTrue(n >= 4, "example recipes found: " + n);
    }

    @Test
    void combinedRulesAndSegmentsAreRead() throws Exception {
        MapRecipe r = codec.read(recipesDir().resolve("either-rule-random.json"));
        assertEquals(CutoffRule.anyOf(CutoffRule.current(-10e-12), CutoffRule.height(8e-9)), r.cutoff());
        assertEquals(3, r.ramp().segments().size());
        assertEquals(new RampSegment(0, 4, 0), r.ramp().segments().get(2));
        assertEquals(PixelOrder.RANDOM, r.order());
        assertEquals(2013, r.orderSeed());
        MapRecipe then = codec.parse(json("\"cutoff\": {\"then\": [{\"current_pA\": -10}, {\"height_nm\": 2}]}"), "");
        assertEquals(CutoffRule.then(CutoffRule.current(-10e-12), CutoffRule.height(2e-9)), then.cutoff());
    }

    @Test
    void defaultsFillOptionalFields() throws Exception {
        MapRecipe r = codec.read(recipesDir().resolve("quick.json"));
        assertEquals(PixelOrder.RASTER, r.order());
        assertEquals(JsonRecipeCodec.DEFAULT_SETTLE_S, r.settleSeconds());
        assertEquals(JsonRecipeCodec.DEFAULT_SAMPLE_RATE_HZ, r.sampleRateHz());
        assertEquals(JsonRecipeCodec.DEFAULT_LIMITS, r.limits());
        assertFalse(r.topography().before());
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        String bad = """
                {
                  "instrument_id": "",
                  "grid": { "nx": 0, "ny": 2.5, "spacing_nm": -20 },
                  "order": "spiral",
                  "ramp": { "end_V": -42, "rate_V_per_s": "fast" },
                  "cutoff": { "current_pA": 0 },
                  "settle_s": -1,
                  "sample_rate_Hz": 0,
                  "spacing": 3
                }""";
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class, () -> codec.parse(bad, "bad.json"));
        Set<String> fields = e.problems().stream().map(RecipeProblem::field).collect(Collectors.toSet());
        for (String f : List.of("instrument_id", "grid.nx", "grid.ny", "grid.spacing_nm", "order",
                "ramp.rate_V_per_s", "cutoff.current_pA", "settle_s", "sample_rate_Hz", "spacing")) {
            assertTrue(fields.contains(f), f + " must be named in:\n" + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("invalid recipe bad.json ("), e.getMessage());
    }

    @Test
    void outOfLimitRampsAreNamedWithTheirLimits() {
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class,
                () -> codec.parse(json("\"ramp\": {\"end_V\": -6, \"rate_V_per_s\": 9,"
                        + " \"segments\": [{\"target_V\": 2, \"rate_V_per_s\": 1}]}"), ""));
        List<String> lines = e.problems().stream().map(RecipeProblem::toString).toList();
        assertTrue(lines.contains("ramp.end_V: -6 V is outside the recipe limits [-5, 1] V"), lines.toString());
        assertTrue(lines.contains("ramp.rate_V_per_s: 9 V/s exceeds limits.max_rate_V_per_s = 5 V/s"),
                lines.toString());
        assertTrue(lines.contains("ramp.segments[0].target_V: 2 V is outside the recipe limits [-5, 1] V"),
                lines.toString());
    }

    @Test
    void unknownFieldsAreRejectedWithAUnitHint() {
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class,
                () -> codec.parse(json("\"settle_ms\": 100"), ""));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("settle_ms", e.problems().get(0).field());
        assertTrue(e.problems().get(0).message().contains("did you mean 'settle_s'"), e.getMessage());
    }

    @Test
    void missingPartsAreNamed() {
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class, () -> codec.parse("{}", ""));
        Set<String> fields = e.problems().stream().map(RecipeProblem::field).collect(Collectors.toSet());
        assertEquals(Set.of("instrument_id", "grid", "ramp", "cutoff"), fields, e.getMessage());
    }

    @Test
    void brokenJsonAndWrongRulesGiveClearMessages() {
        InvalidRecipeException syntax = assertThrows(InvalidRecipeException.class,
                () -> codec.parse("{\"grid\": {\"nx\": 3,,}", "x.json"));
        assertTrue(syntax.getMessage().contains("not valid JSON"), syntax.getMessage());
        List<String> rules = new ArrayList<>();
        for (String cutoff : List.of("{\"current_nA\": -1}", "{\"any\": [{\"height_nm\": 8}]}",
                "{\"then\": [\"none\", {\"height_nm\": 8}]}", "{\"current_pA\": -10, \"height_nm\": 8}", "12")) {
            InvalidRecipeException e = assertThrows(InvalidRecipeException.class,
                    () -> codec.parse(json("\"cutoff\": " + cutoff), ""));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).field().startsWith("cutoff"), e.getMessage());
            rules.add(e.problems().get(0).toString());
        }
        assertTrue(rules.get(0).contains("unknown cutoff rule"), rules.get(0));
        assertTrue(rules.get(1).contains("at least two"), rules.get(1));
        assertTrue(rules.get(2).contains("none"), rules.get(2));
    }

    @Test
    void unitMistakesAreCaught() {
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class,
                () -> codec.parse(json("\"cutoff\": {\"current_pA\": -1e10}"), ""));
        assertTrue(e.getMessage().contains("unit mistake"), e.getMessage());
    }

    @Test
    void topographyImagesHaveTheirOwnGrid() throws Exception {
        // default: 5 nm over the map's cells (3 × 2 pixels at 20 nm → 60 × 40 nm), centred on the map
        MapRecipe r = codec.parse(json("\"topography\": {\"before\": true, \"after\": true}"), "");
        assertFalse(r.topography().pixelGiven());
        org.onset.map.api.Grid g = r.topography().imageGrid(r.grid());
        assertEquals(12, g.nx());
        assertEquals(8, g.ny());
        assertEquals(5e-9, g.dx(), 1e-18);
        assertEquals(r.grid().x0() + r.grid().dx(), g.x0() + (g.nx() - 1) * g.dx() / 2, 1e-15, "centred on the map");
        assertEquals(-7.5e-9, g.x0(), 1e-15);
        // a given spacing survives the round trip and is used
        MapRecipe given = codec.parse(json("\"topography\": {\"before\": true, \"pixel_nm\": 20}"), "");
        assertEquals(20e-9, given.topography().pixelMetres(), 1e-18);
        assertEquals(given, codec.parse(codec.toJson(given), "round trip"));
        assertEquals(r.grid(), given.topography().imageGrid(given.grid()), "20 nm images: the map's own grid");
        // a large map: the default gets coarser to stay within 512 points per side
        MapRecipe large = codec.parse(json("\"grid\": {\"nx\": 3, \"ny\": 3, \"spacing_nm\": 1500}, "
                + "\"topography\": {\"after\": true}"), "");
        org.onset.map.api.Grid lg = large.topography().imageGrid(large.grid());
        assertEquals(512, lg.nx());
        assertEquals(4500e-9 / 512, lg.dx(), 1e-15);
    }

    @Test
    void impossibleTopographyPixelsAreNamed() {
        for (String pixel : new String[] { "0", "-5", "\"fine\"" }) {
            InvalidRecipeException e = assertThrows(InvalidRecipeException.class,
                    () -> codec.parse(json("\"topography\": {\"after\": true, \"pixel_nm\": " + pixel + "}"), ""));
            assertEquals("topography.pixel_nm", e.problems().get(0).field(), e.getMessage());
        }
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class, () -> codec.parse(json(
                "\"grid\": {\"nx\": 3, \"ny\": 3, \"spacing_nm\": 1500}, \"topography\": {\"after\": true, "
                        + "\"pixel_nm\": 1}"), ""));
        assertEquals("topography.pixel_nm: a topography pixel of 1 nm over the map's 4500 × 4500 nm makes a 4500 × "
                + "4500 image; at most 2048 points per side are allowed (use ≥ 2.2 nm)", e.problems().get(0).toString());
    }

    /** A valid small recipe with one top-level field replaced or added. */
    static String json(String override) {
        String key = override.substring(1, override.indexOf('"', 1));
        StringBuilder b = new StringBuilder("{");
        String[][] base = { { "instrument_id", "\"sim\"" },
                { "grid", "{\"nx\": 3, \"ny\": 2, \"spacing_nm\": 20}" },
                { "ramp", "{\"end_V\": -4.2, \"rate_V_per_s\": 1.2}" }, { "cutoff", "{\"current_pA\": -10}" } };
        for (String[] kv : base) {
            if (!kv[0].equals(key)) {
                b.append('"').append(kv[0]).append("\": ").append(kv[1]).append(", ");
            }
        }
        return b.append(override).append('}').toString();
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
