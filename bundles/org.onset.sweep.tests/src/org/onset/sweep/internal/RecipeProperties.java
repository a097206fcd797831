package org.onset.sweep.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeProblem;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The property every recipe text must have, and the generators of recipe texts: random recipes
 * from scratch, structural mutations of the example recipes (a value replaced by an extreme or
 * mistyped one, a key dropped, renamed, added or doubled) and byte-level mutations (cut,
 * inserted, flipped characters). Whatever the input, parsing gives either a valid recipe whose
 * every bias lies inside its limits, or problems that name their field: never another exception.
 */
final class RecipeProperties {

    /** Text placed where a generator wants a number JSON libraries cannot hold (1e999, huge integers). */
    private static final String RAW = "\u0000raw:";

    private static final String[] EXTREME_NUMBERS = { "0", "-0", "1e999", "-1e999", "1e-999", "2147483648",
            "-2147483649", "9223372036854775808", "1e308", "-1e308", "4.9e-324", "0.001", "-0.001", "1", "-1",
            "1.5", "-4.2", "3.04", "-3.04", "10000", "1e7", "1e-7", "NaN", "Infinity", "007", "1.", ".5", "+1",
            "0x10", "1e", "--1", "123456789012345678901234567890" };

    /** Characters a byte-level mutation inserts: JSON's structure, number parts, odd code points. */
    private static final String INSERTED = "{}[]:,\"-0.e9\\ \u00e9\uffff";

    private RecipeProperties() {
    }

    /** What went wrong with one input, or null when the property holds. */
    static String violation(JsonRecipeCodec codec, String json) {
        MapRecipe r;
        try {
            r = codec.parse(json, "generated");
        } catch (InvalidRecipeException e) {
            if (e.problems().isEmpty()) {
                return "refused without naming a problem";
            }
            for (RecipeProblem p : e.problems()) {
                if (p.field() == null || p.message() == null || p.message().isBlank()) {
                    return "a problem without field or message: " + p;
                }
            }
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            return "threw " + e;
        }
        List<RecipeProblem> again = RecipeValidator.check(r);
        if (!again.isEmpty()) {
            return "parsed, but the validator finds " + again;
        }
        MapRecipe.SafetyLimits l = r.limits();
        MapRecipe.Ramp ramp = r.ramp();
        if (!(Double.isFinite(ramp.minVolts()) && Double.isFinite(ramp.maxVolts()))) {
            return "a valid recipe with a non-finite bias " + ramp;
        }
        if (ramp.minVolts() < l.minBiasVolts() || ramp.maxVolts() > l.maxBiasVolts()) {
            return "a valid recipe whose bias " + ramp.minVolts() + " … " + ramp.maxVolts() + " V leaves its limits "
                    + l.minBiasVolts() + " … " + l.maxBiasVolts() + " V";
        }
        if (ramp.maxRate() > l.maxRateVoltsPerSecond()) {
            return "a valid recipe ramping at " + ramp.maxRate() + " V/s above its limit " + l.maxRateVoltsPerSecond();
        }
        if (!(r.sampleRateHz() > 0) || !Double.isFinite(r.sampleRateHz()) || r.pixelCount() <= 0) {
            return "a valid recipe with sample rate " + r.sampleRateHz() + " Hz and " + r.pixelCount() + " pixels";
        }
        try {
            // the writer rounds to 12 significant digits and writes -0 as 0 (readable recipes, no
            // 399.99999999999994): so the written text, not the doubles, must survive a round trip
            String written = codec.toJson(r);
            String again2 = codec.toJson(codec.parse(written, "round trip"));
            if (!again2.equals(written)) {
                return "written and read back, the recipe changed: " + written + " → " + again2;
            }
        } catch (InvalidRecipeException | RuntimeException e) {
            return "its own JSON is refused: " + e.getMessage();
        }
        return null;
    }

    /** The example recipes of releng/recipes, as texts. */
    static List<String> seeds() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("releng/recipes"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("releng/recipes not found above " + Path.of("").toAbsolutePath());
        }
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("releng/recipes"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                texts.add(Files.readString(f));
            }
        }
        return texts;
    }

    // ---------------------------------------------------------------- generators

    /** One input: a third each from scratch, structurally mutated seed, byte-mutated seed. */
    static String generate(SplittableRandom r, List<String> seeds) {
        return switch (r.nextInt(3)) {
        case 0 -> randomRecipe(r);
        case 1 -> mutateStructure(r, seeds.get(r.nextInt(seeds.size())));
        default -> mutateText(r, seeds.get(r.nextInt(seeds.size())));
        };
    }

    /** A recipe built from scratch, mostly plausible, sometimes out of range. */
    static String randomRecipe(SplittableRandom r) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "random " + r.nextInt(1000));
        o.addProperty("instrument_id", "sim");
        JsonObject g = new JsonObject();
        g.addProperty("nx", r.nextInt(-2, 80));
        g.addProperty("ny", r.nextInt(-2, 80));
        g.addProperty("spacing_nm", number(r, 0, 200));
        o.add("grid", g);
        if (r.nextBoolean()) {
            o.addProperty("order", List.of("raster", "serpentine", "random", "spiral").get(r.nextInt(4)));
        }
        JsonObject ramp = new JsonObject();
        ramp.addProperty("start_V", number(r, -2, 2));
        ramp.addProperty("end_V", number(r, -8, 3));
        ramp.addProperty("rate_V_per_s", number(r, -1, 8));
        if (r.nextInt(3) == 0) {
            JsonArray segments = new JsonArray();
            for (int k = r.nextInt(3); k >= 0; k--) {
                JsonObject s = new JsonObject();
                s.addProperty("target_V", number(r, -8, 3));
                s.addProperty("rate_V_per_s", number(r, -1, 8));
                if (r.nextBoolean()) {
                    s.addProperty("hold_s", number(r, -1, 2));
                }
                segments.add(s);
            }
            ramp.add("segments", segments);
        }
        o.add("ramp", ramp);
        o.add("cutoff", randomRule(r, r.nextInt(5)));
        if (r.nextBoolean()) {
            o.addProperty("settle_s", number(r, -0.1, 1));
        }
        o.addProperty("sample_rate_Hz", Math.pow(10, number(r, -3, 8)));
        if (r.nextBoolean()) {
            JsonObject l = new JsonObject();
            l.addProperty("min_bias_V", number(r, -10, 0));
            l.addProperty("max_bias_V", number(r, -1, 5));
            l.addProperty("max_rate_V_per_s", number(r, 0, 10));
            l.addProperty("watchdog_margin_s", number(r, 0, 20));
            o.add("limits", l);
        }
        return o.toString();
    }

    private static double number(SplittableRandom r, double from, double to) {
        double v = from + (to - from) * r.nextDouble();
        return r.nextInt(4) == 0 ? Math.rint(v) : v;
    }

    private static JsonElement randomRule(SplittableRandom r, int depth) {
        JsonObject o = new JsonObject();
        int kind = depth <= 0 ? r.nextInt(2) : r.nextInt(5);
        switch (kind) {
        case 0 -> o.addProperty("current_pA", number(r, -100, 10));
        case 1 -> o.addProperty("height_nm", number(r, -5, 50));
        default -> {
            JsonArray parts = new JsonArray();
            int n = kind == 4 ? 2 : r.nextInt(0, 4);
            for (int k = 0; k < n; k++) {
                parts.add(randomRule(r, depth - 1));
            }
            o.add(List.of("any", "all", "then").get(kind - 2), parts);
        }
        }
        return o;
    }

    /** A seed with one to three of its values, keys or members changed. */
    static String mutateStructure(SplittableRandom r, String seed) {
        JsonObject root = JsonParser.parseString(seed).getAsJsonObject();
        for (int m = 1 + r.nextInt(3); m > 0; m--) {
            List<Map.Entry<JsonObject, String>> slots = new ArrayList<>();
            collect(root, slots);
            Map.Entry<JsonObject, String> slot = slots.get(r.nextInt(slots.size()));
            JsonObject parent = slot.getKey();
            String key = slot.getValue();
            switch (r.nextInt(6)) {
            case 0 -> parent.remove(key);
            case 1 -> parent.add(key + (r.nextBoolean() ? "_typo" : "s"), parent.remove(key));
            case 2 -> parent.add("unknown_" + r.nextInt(100), new JsonPrimitive(1));
            case 3 -> parent.add(key, new JsonPrimitive(RAW + EXTREME_NUMBERS[r.nextInt(EXTREME_NUMBERS.length)]));
            case 4 -> parent.add(key, oddValue(r));
            default -> {
                JsonElement v = parent.get(key);
                if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
                    double d = v.getAsDouble();
                    double[] factors = { -1, 0, 10, 1000, 1e6, 0.001, 1e-9 };
                    parent.addProperty(key, d * factors[r.nextInt(factors.length)] + (r.nextBoolean() ? 0 : 1));
                } else {
                    parent.add(key, oddValue(r));
                }
            }
            }
        }
        String text = root.toString();
        // the raw numbers, and now and then a duplicated key, at text level where gson cannot put them
        text = text.replaceAll("\"" + RAW.replace("\u0000", "\\\\u0000") + "([^\"]*)\"", "$1");
        if (r.nextInt(8) == 0) {
            text = text.replaceFirst("\\{\"name\":", "{\"name\":\"twice\",\"name\":");
        }
        return text;
    }

    private static JsonElement oddValue(SplittableRandom r) {
        return switch (r.nextInt(7)) {
        case 0 -> new JsonPrimitive("text");
        case 1 -> new JsonPrimitive(r.nextBoolean());
        case 2 -> com.google.gson.JsonNull.INSTANCE;
        case 3 -> new JsonArray();
        case 4 -> new JsonObject();
        case 5 -> new JsonPrimitive(r.nextDouble(-1e9, 1e9));
        default -> randomRule(r, 2);
        };
    }

    private static void collect(JsonObject o, List<Map.Entry<JsonObject, String>> slots) {
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            slots.add(Map.entry(o, e.getKey()));
            collect(e.getValue(), slots);
        }
    }

    private static void collect(JsonElement e, List<Map.Entry<JsonObject, String>> slots) {
        if (e.isJsonObject()) {
            collect(e.getAsJsonObject(), slots);
        } else if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                collect(x, slots);
            }
        }
    }

    /** A seed with characters cut, inserted or changed. */
    static String mutateText(SplittableRandom r, String seed) {
        StringBuilder b = new StringBuilder(seed);
        for (int m = 1 + r.nextInt(4); m > 0 && b.length() > 0; m--) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(4)) {
            case 0 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(8)));
            case 1 -> b.insert(at, INSERTED.charAt(r.nextInt(INSERTED.length())));
            case 2 -> b.setCharAt(at, (char) (b.charAt(at) ^ (1 << r.nextInt(7))));
            default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}
