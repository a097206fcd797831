package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.CutoffRule;
import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeProblem;

/**
 * The recipe defects a hostile new user found (issue 9, defects 1 and 8): each of these used to
 * crash, overflow or be silently accepted.
 */
class HostileRecipeTest {
    private final JsonRecipeCodec codec = new JsonRecipeCodec();

    private static final String VALID = """
            { "name": %s, "instrument_id": "sim",
              "grid": { "nx": %s, "ny": 3, "spacing_nm": 20 },
              "ramp": { "start_V": 0, "end_V": %s, "rate_V_per_s": 1.2, "hold_s": %s,
                        "segments": [ { "target_V": %s, "rate_V_per_s": 4 } ] },
              "cutoff": %s, "sample_rate_Hz": %s }""";

    private static String recipe(String name, String nx, String end, String hold, String target, String cutoff,
            String rate) {
        return VALID.formatted(name, nx, end, hold, target, cutoff, rate);
    }

    private static String valid() {
        return recipe("\"ok\"", "3", "-4.2", "0", "0", "{ \"current_pA\": -10 }", "10000");
    }

    private List<RecipeProblem> problems(String json) {
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class, () -> codec.parse(json, "test"));
        return e.problems();
    }

    private static RecipeProblem at(List<RecipeProblem> problems, String field) {
        return problems.stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + field + " in " + problems));
    }

    @Test
    void theValidTemplateParses() throws Exception {
        MapRecipe r = codec.parse(valid(), "test");
        assertEquals(3, r.grid().nx());
    }

    @Test
    void aCutoffRuleNested2000LevelsDeepIsRefusedWithoutOverflowingTheStack() {
        String leaf = "{ \"current_pA\": -10 }";
        StringBuilder rule = new StringBuilder();
        for (int k = 0; k < 2000; k++) {
            rule.append("{ \"any\": [ ").append(leaf).append(", ");
        }
        rule.append(leaf);
        for (int k = 0; k < 2000; k++) {
            rule.append(" ] }");
        }
        List<RecipeProblem> p = problems(recipe("\"deep\"", "3", "-4.2", "0", "0", rule.toString(), "10000"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).field().startsWith("cutoff.any[1].any[1]"), p.toString());
        assertTrue(p.get(0).message().contains("nests deeper than 40 levels"), p.toString());
    }

    @Test
    void aNameNested100000ListsDeepIsRefused() {
        String name = "[".repeat(100_000) + "]".repeat(100_000);
        List<RecipeProblem> p = problems(recipe(name, "3", "-4.2", "0", "0", "\"none\"", "10000"));
        assertTrue(p.get(0).field().startsWith("name[0][0]"), p.toString());
    }

    @Test
    void aRuleSeventeenLevelsDeepBuiltInCodeIsRefusedByTheValidator() throws Exception {
        CutoffRule rule = CutoffRule.current(-10e-12);
        for (int k = 0; k < 16; k++) {
            rule = new CutoffRule.AnyOf(List.of(rule, CutoffRule.height(8e-9)));
        }
        MapRecipe r = codec.parse(valid(), "test");
        MapRecipe deep = new MapRecipe(r.name(), r.instrumentId(), r.grid(), r.order(), r.orderSeed(), r.ramp(), rule,
                r.settleSeconds(), r.sampleRateHz(), r.limits(), r.topography());
        RecipeProblem p = at(RecipeValidator.check(deep), "cutoff");
        assertTrue(p.message().contains("17 levels deep"), p.toString());
    }

    @Test
    void duplicateKeysAreRefusedAndNamed() {
        String json = valid().replace("\"nx\": 3,", "\"nx\": 70, \"nx\": 3,");
        RecipeProblem p = at(problems(json), "grid.nx");
        assertTrue(p.message().contains("appears twice"), p.toString());
        String top = valid().replace("\"instrument_id\": \"sim\",", "\"instrument_id\": \"sim\", \"instrument_id\": \"x\",");
        at(problems(top), "instrument_id");
    }

    @Test
    void numbersBeyondADoubleNameTheirField() {
        at(problems(recipe("\"x\"", "3", "1e999", "0", "0", "\"none\"", "10000")), "ramp.end_V");
        at(problems(recipe("\"x\"", "3", "-4.2", "1e999", "0", "\"none\"", "10000")), "ramp.hold_s");
        RecipeProblem p = at(problems(recipe("\"x\"", "3", "-4.2", "0", "-1e999", "\"none\"", "10000")),
                "ramp.segments[0].target_V");
        assertTrue(p.message().contains("finite"), p.toString());
    }

    @Test
    void anOverflowingPixelCountIsQuotedAsTyped() {
        RecipeProblem p = at(problems(recipe("\"x\"", "2147483648", "-4.2", "0", "0", "\"none\"", "10000")), "grid.nx");
        assertTrue(p.message().contains("got 2147483648"), p.toString());
        assertFalse(p.message().contains("-2147483648"), p.toString());
    }

    @Test
    void absurdDurationsAreWrittenAsPowersOfTen() {
        String json = valid().replace("\"rate_V_per_s\": 1.2", "\"rate_V_per_s\": 1e-300");
        RecipeProblem p = at(problems(json), "ramp");
        assertTrue(p.message().length() < 120, p.toString());
        assertTrue(p.message().contains("e+300"), p.toString());
        String many = valid().replace("\"sample_rate_Hz\": 10000", "\"sample_rate_Hz\": 1e300");
        RecipeProblem q = at(problems(many), "sample_rate_Hz");
        assertFalse(q.message().contains(Long.toString(Long.MAX_VALUE)), q.toString());
        assertTrue(q.message().length() < 120, q.toString());
    }

    @Test
    void aSampleRateThatCannotResolveTheRampIsRefused() {
        RecipeProblem p = at(problems(recipe("\"x\"", "3", "-4.2", "0", "0", "{ \"current_pA\": -10 }", "0.001")),
                "sample_rate_Hz");
        // the fastest segment (4 V/s) needs 160 Hz for 25 mV steps
        assertTrue(p.message().contains("at least 160 Hz"), p.toString());
    }

    @Test
    void theSlowestResolvingSampleRateIsAccepted() throws Exception {
        MapRecipe r = codec.parse(recipe("\"x\"", "3", "-4.2", "0", "0", "{ \"current_pA\": -10 }", "160"), "test");
        assertEquals(160, r.sampleRateHz());
    }

    @Test
    void recipesThatAreNotUtf8SayWhatTheyAre(@TempDir Path dir) throws Exception {
        String text = valid().replace("\"ok\"", "\"Probe µ-tip\"");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, text.getBytes(StandardCharsets.ISO_8859_1));
        InvalidRecipeException e = assertThrows(InvalidRecipeException.class, () -> codec.read(latin1));
        assertTrue(e.getMessage().contains("not UTF-8") && e.getMessage().contains("Latin-1"), e.getMessage());
        Path utf16 = dir.resolve("utf16.json");
        Files.write(utf16, text.getBytes(StandardCharsets.UTF_16));
        e = assertThrows(InvalidRecipeException.class, () -> codec.read(utf16));
        assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
        Path utf8 = dir.resolve("utf8-bom.json");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        Files.write(utf8, bom);
        assertEquals("Probe µ-tip", codec.read(utf8).name());
    }
}
