package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 9's property for recipe texts, with jqwik: whatever the text, parsing gives either a valid
 * recipe whose every bias and rate lies inside its limits and whose own JSON reads back unchanged,
 * or problems that name their field; never another exception. The property itself is
 * {@link RecipeProperties#violation}, shared with the seeded generator test that runs inside
 * Equinox; what jqwik adds is generation from declared ranges and shrinking: a failure is reported
 * as the smallest recipe that still fails, not as the random one that first did.
 *
 * <p>Seeds are fixed so that CI is repeatable; change {@code seed} (or remove it) to explore.
 */
class RecipeCodecProperties {

    private final JsonRecipeCodec codec = new JsonRecipeCodec();
    /** The example recipes of releng/recipes, read once, not on every try. */
    private final List<String> examples = readExamples();

    private static List<String> readExamples() {
        try {
            return RecipeProperties.seeds();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the example recipes", e);
        }
    }

    @Property(tries = 1500, seed = "20261206")
    void aRecipeBuiltFromRangesIsValidOrNamesItsProblems(@ForAll("recipes") String json) {
        assertNull(RecipeProperties.violation(codec, json), json);
        Statistics.collect(isValid(json) ? "valid" : "refused");
        // the generators must reach both outcomes, or the property says little
        Statistics.coverage(c -> {
            c.check("valid").percentage(p -> p >= 2);
            c.check("refused").percentage(p -> p >= 20);
        });
    }

    private boolean isValid(String json) {
        try {
            codec.parse(json, "generated");
            return true;
        } catch (org.onset.sweep.api.InvalidRecipeException refused) {
            return false;
        }
    }

    /**
     * A valid recipe also gives a run plan a map can follow: every pixel visited exactly once, in
     * the same order each time it is planned (a resumed run relies on that), and a ramp of finite,
     * positive duration.
     */
    @Property(tries = 800, seed = "20261209")
    void aValidRecipeGivesARunPlanVisitingEveryPixelOnce(@ForAll("recipes") String json) {
        org.onset.sweep.api.MapRecipe r;
        try {
            r = codec.parse(json, "generated");
        } catch (org.onset.sweep.api.InvalidRecipeException refused) {
            return; // the property above covers refusals
        }
        int n = r.grid().nx() * r.grid().ny();
        int[] plan = PixelPlan.order(r.grid(), r.order(), r.orderSeed());
        assertEquals(n, plan.length, "plan length");
        boolean[] seen = new boolean[n];
        for (int p : plan) {
            assertTrue(p >= 0 && p < n && !seen[p], "pixel " + p + " twice or outside the grid of " + n);
            seen[p] = true;
        }
        assertArrayEquals(plan, PixelPlan.order(r.grid(), r.order(), r.orderSeed()), "the plan is not repeatable");
        double t = r.ramp().durationSeconds();
        assertTrue(Double.isFinite(t) && t > 0, "ramp duration " + t + " s");
    }

    @Property(tries = 1500, seed = "20261207")
    void anExampleRecipeWithDamagedTextIsValidOrNamesItsProblems(@ForAll("damagedExamples") String json) {
        assertNull(RecipeProperties.violation(codec, json), json);
    }

    @Property(tries = 60, seed = "20261208")
    void aCutoffRuleNestedAnyDepthIsValidOrRefusedNeverAStackOverflow(
            @ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll("ruleKinds") String kind) {
        StringBuilder rule = new StringBuilder();
        rule.append(("{\"" + kind + "\":[").repeat(depth)).append("{\"current_pA\":-5}")
                .append("]}".repeat(depth));
        String json = example().replaceFirst("\"cutoff\"\\s*:\\s*\\{[^{}]*\\}", "\"cutoff\":" + rule);
        assertNull(RecipeProperties.violation(codec, json), "depth " + depth);
    }

    @Provide
    Arbitrary<String> ruleKinds() {
        return Arbitraries.of("any", "all");
    }

    private String example() {
        return examples.stream().filter(s -> s.contains("\"cutoff\"")).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------- recipes from declared ranges

    /**
     * Recipes from wide ranges (mostly refused: every field is drawn independently, and one value out
     * of its range refuses the whole recipe) and, as often, from the ranges a lab uses (mostly valid),
     * so that both outcomes are exercised; the coverage check in the property asserts that.
     */
    @Provide
    Arbitrary<String> recipes() {
        return Arbitraries.oneOf(wideRecipes(), plausibleRecipes());
    }

    /** A lab's recipe: a small grid, 0 → −0.5…−4.5 V at 0.2–4 V/s, a current or height rule, kHz sampling. */
    private static Arbitrary<String> plausibleRecipes() {
        Arbitrary<JsonObject> grid = Combinators.combine(Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(1, 40), Arbitraries.doubles().between(5, 200).ofScale(1))
                .as((nx, ny, spacing) -> {
                    JsonObject g = new JsonObject();
                    g.addProperty("nx", nx);
                    g.addProperty("ny", ny);
                    g.addProperty("spacing_nm", spacing);
                    return g;
                });
        return Combinators.combine(grid, Arbitraries.doubles().between(-4.5, -0.5).ofScale(2),
                Arbitraries.doubles().between(0.2, 4).ofScale(2), rule(1),
                Arbitraries.doubles().between(2000, 20000).ofScale(0),
                Arbitraries.of("raster", "serpentine", "random")).as((g, end, rate, cutoff, sampleRate, order) -> {
                    JsonObject recipe = new JsonObject();
                    recipe.addProperty("name", "plausible");
                    recipe.addProperty("instrument_id", "sim");
                    recipe.add("grid", g);
                    recipe.addProperty("order", order);
                    JsonObject r = new JsonObject();
                    r.addProperty("start_V", 0);
                    r.addProperty("end_V", end);
                    r.addProperty("rate_V_per_s", rate);
                    recipe.add("ramp", r);
                    recipe.add("cutoff", cutoff);
                    recipe.addProperty("sample_rate_Hz", sampleRate);
                    return recipe.toString();
                });
    }

    private static Arbitrary<String> wideRecipes() {
        Arbitrary<JsonObject> grid = Combinators.combine(Arbitraries.integers().between(-2, 80),
                Arbitraries.integers().between(-2, 80), numbers(-10, 300)).as((nx, ny, spacing) -> {
                    JsonObject g = new JsonObject();
                    g.addProperty("nx", nx);
                    g.addProperty("ny", ny);
                    g.addProperty("spacing_nm", spacing);
                    return g;
                });
        Arbitrary<JsonObject> ramp = Combinators.combine(numbers(-2, 2), numbers(-9, 3), numbers(-1, 9),
                segments().injectNull(0.6)).as((start, end, rate, segments) -> {
                    JsonObject r = new JsonObject();
                    r.addProperty("start_V", start);
                    r.addProperty("end_V", end);
                    r.addProperty("rate_V_per_s", rate);
                    if (segments != null) {
                        r.add("segments", segments);
                    }
                    return r;
                });
        Arbitrary<JsonObject> limits = Combinators.combine(numbers(-12, 0), numbers(-1, 6), numbers(0, 12),
                numbers(0, 20)).as((min, max, rate, margin) -> {
                    JsonObject l = new JsonObject();
                    l.addProperty("min_bias_V", min);
                    l.addProperty("max_bias_V", max);
                    l.addProperty("max_rate_V_per_s", rate);
                    l.addProperty("watchdog_margin_s", margin);
                    return l;
                });
        Arbitrary<String> order = Arbitraries.of("raster", "serpentine", "random", "spiral", "diagonal");
        Arbitrary<Double> sampleRate = Arbitraries.doubles().between(-3, 8).map(e -> Math.pow(10, e));
        return Combinators.combine(grid, ramp, rule(3), limits.injectNull(0.5), order.injectNull(0.5),
                numbers(-0.2, 1).injectNull(0.5), sampleRate).as((g, r, cutoff, l, o, settle, rate) -> {
                    JsonObject recipe = new JsonObject();
                    recipe.addProperty("name", "generated");
                    recipe.addProperty("instrument_id", "sim");
                    recipe.add("grid", g);
                    if (o != null) {
                        recipe.addProperty("order", o);
                    }
                    recipe.add("ramp", r);
                    recipe.add("cutoff", cutoff);
                    if (settle != null) {
                        recipe.addProperty("settle_s", settle);
                    }
                    recipe.addProperty("sample_rate_Hz", rate);
                    if (l != null) {
                        recipe.add("limits", l);
                    }
                    return recipe.toString();
                });
    }

    private static Arbitrary<JsonArray> segments() {
        Arbitrary<JsonObject> segment = Combinators.combine(numbers(-9, 3), numbers(-1, 9), numbers(-1, 2).injectNull(0.5))
                .as((target, rate, hold) -> {
                    JsonObject s = new JsonObject();
                    s.addProperty("target_V", target);
                    s.addProperty("rate_V_per_s", rate);
                    if (hold != null) {
                        s.addProperty("hold_s", hold);
                    }
                    return s;
                });
        return segment.list().ofMinSize(0).ofMaxSize(4).map(list -> {
            JsonArray a = new JsonArray();
            list.forEach(a::add);
            return a;
        });
    }

    /** A cutoff rule: a current or height limit, or any/all/then of rules, down to the given depth. */
    private static Arbitrary<JsonElement> rule(int depth) {
        Arbitrary<JsonElement> leaf = Combinators.combine(Arbitraries.of("current_pA", "height_nm"), numbers(-100, 50))
                .as((key, value) -> {
                    JsonObject o = new JsonObject();
                    o.addProperty(key, value);
                    return o;
                });
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonElement> composite = Combinators.combine(Arbitraries.of("any", "all", "then"),
                Arbitraries.lazy(() -> rule(depth - 1)).list().ofMaxSize(3)).as((kind, parts) -> {
                    JsonObject o = new JsonObject();
                    JsonArray a = new JsonArray();
                    parts.forEach(a::add);
                    o.add(kind, a);
                    return o;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, composite));
    }

    /** Numbers in a range, a quarter of them whole, plus the edge values jqwik adds by itself. */
    private static Arbitrary<Double> numbers(double from, double to) {
        Arbitrary<Double> any = Arbitraries.doubles().between(from, to).ofScale(6);
        return Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(1, any.map(Math::rint)));
    }

    // ------------------------------------------------------------- damaged example texts

    /** One edit of a text: what to do, where (as a fraction of the length), and with which character. */
    record Edit(int kind, double where, int length, char character) {
        String apply(String text) {
            if (text.isEmpty()) {
                return text;
            }
            StringBuilder b = new StringBuilder(text);
            int at = Math.min(b.length() - 1, (int) (where * b.length()));
            switch (kind) {
            case 0 -> b.delete(at, Math.min(b.length(), at + length));
            case 1 -> b.insert(at, character);
            case 2 -> b.setCharAt(at, character);
            default -> b.setLength(at);
            }
            return b.toString();
        }
    }

    @Provide
    Arbitrary<String> damagedExamples() {
        Arbitrary<Character> characters = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of('{', '}', '[', ']', ':', ',', '"', '-', '0', '.', 'e', '9', '\\', ' ')),
                Tuple.of(1, Arbitraries.chars()));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 8), characters).as(Edit::new);
        return Combinators.combine(Arbitraries.of(examples), edit.list().ofMinSize(1).ofMaxSize(4)).as((text, edits) -> {
            String t = text;
            for (Edit e : edits) {
                t = e.apply(t);
            }
            return t;
        });
    }
}
