package org.onset.sweep.internal;

import static org.onset.sweep.internal.JsonRecipeCodec.NM;
import static org.onset.sweep.internal.JsonRecipeCodec.PA;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampSegment;
import org.onset.sweep.api.MapRecipe;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** A recipe as the JSON tree {@link JsonRecipeCodec} reads: every field written, units in the names. */
final class RecipeJsonWriter {

    private RecipeJsonWriter() {
    }

    static JsonObject toTree(MapRecipe r) {
        JsonObject o = new JsonObject();
        o.addProperty("name", r.name());
        o.addProperty("instrument_id", r.instrumentId());
        JsonObject g = new JsonObject();
        g.addProperty("nx", r.grid().nx());
        g.addProperty("ny", r.grid().ny());
        g.add("spacing_x_nm", num(r.grid().dx() / NM));
        g.add("spacing_y_nm", num(r.grid().dy() / NM));
        g.add("x0_nm", num(r.grid().x0() / NM));
        g.add("y0_nm", num(r.grid().y0() / NM));
        o.add("grid", g);
        o.addProperty("order", r.order().name().toLowerCase(Locale.ROOT));
        o.addProperty("order_seed", r.orderSeed());
        JsonObject ramp = new JsonObject();
        ramp.add("start_V", num(r.ramp().startVolts()));
        List<RampSegment> segs = r.ramp().segments();
        if (!segs.isEmpty()) {
            ramp.add("end_V", num(segs.get(0).targetVolts()));
            ramp.add("rate_V_per_s", num(segs.get(0).rateVoltsPerSecond()));
            ramp.add("hold_s", num(segs.get(0).holdSeconds()));
        }
        if (segs.size() > 1) {
            JsonArray more = new JsonArray();
            for (RampSegment s : segs.subList(1, segs.size())) {
                JsonObject so = new JsonObject();
                so.add("target_V", num(s.targetVolts()));
                so.add("rate_V_per_s", num(s.rateVoltsPerSecond()));
                so.add("hold_s", num(s.holdSeconds()));
                more.add(so);
            }
            ramp.add("segments", more);
        }
        o.add("ramp", ramp);
        o.add("cutoff", cutoffTree(r.cutoff()));
        o.add("settle_s", num(r.settleSeconds()));
        o.add("sample_rate_Hz", num(r.sampleRateHz()));
        JsonObject l = new JsonObject();
        l.add("min_bias_V", num(r.limits().minBiasVolts()));
        l.add("max_bias_V", num(r.limits().maxBiasVolts()));
        l.add("max_rate_V_per_s", num(r.limits().maxRateVoltsPerSecond()));
        l.add("watchdog_margin_s", num(r.limits().watchdogMarginSeconds()));
        o.add("limits", l);
        JsonObject t = new JsonObject();
        t.addProperty("before", r.topography().before());
        t.addProperty("after", r.topography().after());
        if (r.topography().pixelGiven()) {
            t.add("pixel_nm", num(r.topography().pixelMetres() / NM));
        }
        o.add("topography", t);
        return o;
    }

    static JsonElement cutoffTree(CutoffRule rule) {
        JsonObject o = new JsonObject();
        if (rule instanceof CutoffRule.Current c) {
            o.add("current_pA", num(c.amps() / PA));
        } else if (rule instanceof CutoffRule.Height h) {
            o.add("height_nm", num(h.metres() / NM));
        } else if (rule instanceof CutoffRule.AnyOf a) {
            o.add("any", list(a.rules()));
        } else if (rule instanceof CutoffRule.AllOf a) {
            o.add("all", list(a.rules()));
        } else if (rule instanceof CutoffRule.Then t) {
            o.add("then", list(List.of(t.first(), t.second())));
        } else {
            return new JsonPrimitive("none");
        }
        return o;
    }

    private static JsonArray list(List<CutoffRule> rules) {
        JsonArray a = new JsonArray();
        rules.forEach(r -> a.add(cutoffTree(r)));
        return a;
    }

    /** 12 significant digits: unit conversion noise (20 nm → 2.0000000000000002E-8 m → back) disappears. */
    private static JsonPrimitive num(double v) {
        if (!Double.isFinite(v)) {
            return new JsonPrimitive(v);
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
        // whole numbers in plain digits, but not absurd ones: the reader refuses a 300-digit number
        // (found by RecipePropertyTest: spacing 1e308 nm was written so that it could not be read back)
        return new JsonPrimitive(b.scale() < 0 && b.precision() - b.scale() <= 15 ? b.setScale(0) : b);
    }
}
