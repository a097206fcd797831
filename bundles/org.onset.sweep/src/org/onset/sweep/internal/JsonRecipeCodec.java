package org.onset.sweep.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampSegment;
import org.onset.map.api.Grid;
import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.MapRecipe.TopographyPlan;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.RecipeProblem;
import org.osgi.service.component.annotations.Component;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The JSON recipe format (releng/recipes/README.md). Units live in field names and are converted
 * to SI here, so that nothing past this class ever sees nm or pA.
 */
@Component(service = RecipeCodec.class)
public final class JsonRecipeCodec implements RecipeCodec {

    static final double NM = 1e-9;
    static final double PA = 1e-12;

    /** Defaults of optional fields; documented in releng/recipes/README.md. */
    static final double DEFAULT_SETTLE_S = 0.1;
    static final double DEFAULT_SAMPLE_RATE_HZ = 10_000;
    static final SafetyLimits DEFAULT_LIMITS = new SafetyLimits(-5, 1, 5, 10);

    @Override
    public MapRecipe read(Path file) throws IOException, InvalidRecipeException {
        return parse(RecipeText.decode(Files.readAllBytes(file), file.toString()), file.toString());
    }

    @Override
    public MapRecipe parse(String json, String source) throws InvalidRecipeException {
        List<RecipeProblem> shape = JsonShape.check(json);
        if (!shape.isEmpty()) {
            throw new InvalidRecipeException(source, shape);
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            throw new InvalidRecipeException(source, List.of(new RecipeProblem("", "not valid JSON: " + why)));
        }
        if (root == null || !root.isJsonObject()) {
            throw new InvalidRecipeException(source, List.of(new RecipeProblem("", "must be a JSON object {...}")));
        }
        Problems p = new Problems();
        MapRecipe recipe = fromJson(new JsonFields(root.getAsJsonObject(), "", p), p);
        List<RecipeProblem> all = new ArrayList<>(p.list());
        for (RecipeProblem q : RecipeValidator.check(recipe)) {
            // a field already reported as missing or mistyped (it then holds NaN) is not reported again
            boolean echo = !p.isEmpty() && q.message().endsWith("got NaN");
            if (!echo && all.stream().noneMatch(r -> q.field().startsWith(r.field()) || r.field().startsWith(q.field()))) {
                all.add(q);
            }
        }
        if (!all.isEmpty()) {
            throw new InvalidRecipeException(source, all);
        }
        return recipe;
    }

    private static MapRecipe fromJson(JsonFields f, Problems p) {
        String name = f.string("name", false, "");
        String instrument = f.string("instrument_id", true, "");
        Grid grid = grid(f.object("grid", true), p);
        PixelOrder order = order(f, p);
        long orderSeed = f.integer("order_seed", false, 0);
        Ramp ramp = ramp(f.object("ramp", true), p);
        CutoffRule cutoff = f.has("cutoff") ? cutoff(f.raw("cutoff"), f.path("cutoff"), p) : null;
        if (cutoff == null) {
            if (!f.has("cutoff")) {
                p.add("cutoff", "is missing (write \"none\" for an uncontrolled sweep)");
            }
            cutoff = CutoffRule.none();
        }
        double settle = f.number("settle_s", DEFAULT_SETTLE_S);
        double rate = f.number("sample_rate_Hz", DEFAULT_SAMPLE_RATE_HZ);
        SafetyLimits limits = limits(f.object("limits", false));
        TopographyPlan topo = topography(f.object("topography", false));
        f.rejectUnknown();
        return new MapRecipe(name, instrument, grid, order, orderSeed, ramp, cutoff, settle, rate, limits, topo);
    }

    private static Grid grid(JsonFields g, Problems p) {
        if (g == null) {
            return new Grid(0, 0, 0, 0, Double.NaN, Double.NaN);
        }
        int nx = g.integer("nx", true, 0, 1, RecipeValidator.MAX_PIXELS_PER_SIDE);
        int ny = g.integer("ny", true, 0, 1, RecipeValidator.MAX_PIXELS_PER_SIDE);
        double dx = Double.NaN;
        double dy = Double.NaN;
        boolean square = g.has("spacing_nm");
        boolean separate = g.has("spacing_x_nm") | g.has("spacing_y_nm");
        if (square && separate) {
            p.add(g.path("spacing_nm"), "give either spacing_nm or spacing_x_nm and spacing_y_nm, not both");
        } else if (square) {
            dx = dy = g.number("spacing_nm", true);
        } else if (separate) {
            dx = g.number("spacing_x_nm", true);
            dy = g.number("spacing_y_nm", true);
        } else {
            p.add(g.path("spacing_nm"), "is missing (or give spacing_x_nm and spacing_y_nm)");
        }
        double x0 = g.number("x0_nm", 0.0);
        double y0 = g.number("y0_nm", 0.0);
        g.rejectUnknown();
        return new Grid(nx, ny, x0 * NM, y0 * NM, dx * NM, dy * NM);
    }

    private static PixelOrder order(JsonFields f, Problems p) {
        String s = f.string("order", false, "raster");
        try {
            return PixelOrder.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p.add("order", "must be raster, serpentine or random, got \"" + s + "\"");
            return PixelOrder.RASTER;
        }
    }

    private static Ramp ramp(JsonFields r, Problems p) {
        if (r == null) {
            return new Ramp(0, List.of());
        }
        double start = r.number("start_V", 0.0);
        List<RampSegment> segments = new ArrayList<>();
        RampSegment main = segment(r, "end_V", p);
        if (main != null) {
            segments.add(main);
        }
        JsonArray more = r.array("segments");
        if (more != null) {
            for (int k = 0; k < more.size(); k++) {
                String at = r.path("segments") + "[" + k + "]";
                if (!more.get(k).isJsonObject()) {
                    p.add(at, "must be an object {\"target_V\": ..., \"rate_V_per_s\": ..., \"hold_s\": ...}");
                    continue;
                }
                JsonFields s = new JsonFields(more.get(k).getAsJsonObject(), at, p);
                RampSegment seg = segment(s, "target_V", p);
                s.rejectUnknown();
                if (seg != null) {
                    segments.add(seg);
                }
            }
        }
        r.rejectUnknown();
        return new Ramp(Double.isNaN(start) ? 0 : start, segments);
    }

    private static RampSegment segment(JsonFields s, String targetKey, Problems p) {
        double target = s.number(targetKey, true);
        double rate = s.number("rate_V_per_s", true);
        double hold = s.number("hold_s", 0.0);
        if (Double.isNaN(target) || Double.isNaN(rate) || Double.isNaN(hold)) {
            return null;
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            p.add(s.path("rate_V_per_s"), "must be a finite rate > 0 V/s, got " + Problems.num(rate));
            return null;
        }
        if (!(hold >= 0)) {
            p.add(s.path("hold_s"), "must be >= 0 s, got " + Problems.num(hold));
            return null;
        }
        return new RampSegment(target, rate, hold);
    }

    static CutoffRule cutoff(JsonElement e, String at, Problems p) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().equals("none")) {
            return CutoffRule.none();
        }
        if (!e.isJsonObject() || e.getAsJsonObject().size() != 1) {
            p.add(at, "must be \"none\" or an object with exactly one of current_pA, height_nm, any, all, then; got "
                    + e);
            return null;
        }
        String key = e.getAsJsonObject().keySet().iterator().next();
        JsonElement v = e.getAsJsonObject().get(key);
        String here = at + "." + key;
        try {
            switch (key) {
            case "current_pA":
                return CutoffRule.current(leaf(v, here, p, "pA") * PA);
            case "height_nm":
                return CutoffRule.height(leaf(v, here, p, "nm") * NM);
            case "any":
            case "all":
            case "then":
                return composite(key, v, here, p);
            default:
                p.add(here, "unknown cutoff rule; use current_pA, height_nm, any, all or then");
                return null;
            }
        } catch (IllegalArgumentException bad) {
            if (!(bad instanceof Skip)) {
                p.add(here, bad.getMessage());
            }
            return null;
        }
    }

    /** Signals a problem already recorded. */
    private static final class Skip extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
    }

    private static double leaf(JsonElement v, String at, Problems p, String unit) {
        if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber())) {
            p.add(at, "must be a number in " + unit + ", got " + v);
            throw new Skip();
        }
        double d = v.getAsDouble();
        if (d == 0 || !Double.isFinite(d)) {
            p.add(at, "must be a finite, non-zero value in " + unit + " (its sign gives the direction), got " + v);
            throw new Skip();
        }
        return d;
    }

    private static CutoffRule composite(String key, JsonElement v, String at, Problems p) {
        if (!v.isJsonArray()) {
            p.add(at, "must be a list of rules, got " + v);
            return null;
        }
        JsonArray a = v.getAsJsonArray();
        if (key.equals("then") ? a.size() != 2 : a.size() < 2) {
            p.add(at, key.equals("then") ? "needs exactly two rules [first, second], got " + a.size()
                    : "needs at least two rules, got " + a.size());
            return null;
        }
        List<CutoffRule> parts = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            CutoffRule r = cutoff(a.get(k), at + "[" + k + "]", p);
            if (r == null) {
                return null;
            }
            if (r == CutoffRule.none()) {
                p.add(at + "[" + k + "]", "\"none\" cannot be part of a combined rule");
                return null;
            }
            parts.add(r);
        }
        return switch (key) {
        case "any" -> new CutoffRule.AnyOf(parts);
        case "all" -> new CutoffRule.AllOf(parts);
        default -> new CutoffRule.Then(parts.get(0), parts.get(1));
        };
    }

    private static SafetyLimits limits(JsonFields l) {
        if (l == null) {
            return DEFAULT_LIMITS;
        }
        SafetyLimits d = DEFAULT_LIMITS;
        SafetyLimits s = new SafetyLimits(l.number("min_bias_V", d.minBiasVolts()),
                l.number("max_bias_V", d.maxBiasVolts()), l.number("max_rate_V_per_s", d.maxRateVoltsPerSecond()),
                l.number("watchdog_margin_s", d.watchdogMarginSeconds()));
        l.rejectUnknown();
        return s;
    }

    private static TopographyPlan topography(JsonFields t) {
        if (t == null) {
            return TopographyPlan.NONE;
        }
        TopographyPlan plan = new TopographyPlan(t.bool("before", false), t.bool("after", false),
                t.has("pixel_nm") ? t.number("pixel_nm", Double.NaN) * NM : Double.NaN);
        t.rejectUnknown();
        return plan;
    }

    @Override
    public String toJson(MapRecipe r) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(RecipeJsonWriter.toTree(r));
    }
}
