package org.onset.batch.internal.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

import org.onset.analysis.MapStatistics;
import org.onset.analysis.RegionStatistics;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The statistics of one map as the demo's summary.json and {@code onset inspect --json} write them
 * (layout documented in releng/recipes/README.md). The numbers come from {@code org.onset.analysis};
 * only their JSON form lives here, because it is this command line's output format: the workbench
 * shows the same typed values its own way, and the analysis API stays free of a JSON library.
 */
final class StatisticsJson {

    private StatisticsJson() {
    }

    /** The summary.json entry of one experiment (file, wall time and images are added by the caller). */
    static JsonObject of(MapStatistics s) {
        JsonObject o = new JsonObject();
        o.addProperty("pixels", s.measuredPixels());
        o.add("nucleated_fraction", number(s.nucleatedFraction()));
        JsonObject bias = new JsonObject();
        bias.add("median", number(s.onsetBias().median()));
        bias.add("p05", number(s.onsetBias().p05()));
        bias.add("p95", number(s.onsetBias().p95()));
        o.add("onset_bias_V", bias);
        if (s.phaseMap().isPresent()) {
            JsonObject phases = new JsonObject();
            for (Map.Entry<String, RegionStatistics> e : s.byRegion().entrySet()) {
                RegionStatistics r = e.getValue();
                JsonObject p = new JsonObject();
                p.addProperty("pixels", r.pixels());
                p.add("nucleated_fraction", number(r.nucleatedFraction()));
                p.add("median_onset_V", number(r.medianOnsetBias()));
                phases.add(e.getKey(), p);
            }
            o.add("by_phase", phases);
        }
        JsonObject overshoot = new JsonObject();
        overshoot.add("current_ratio_median", number(s.currentOvershootRatio()));
        overshoot.add("dz_excess_nm_median", number(s.heightOvershoot() * 1e9));
        o.add("overshoot", overshoot);
        o.addProperty("faults", s.faults());
        return o;
    }

    /** Rounded to 6 significant digits; null for NaN (JSON has no NaN). */
    static JsonElement number(double v) {
        if (!Double.isFinite(v)) {
            return JsonNull.INSTANCE;
        }
        return new JsonPrimitive(new BigDecimal(v).round(new MathContext(6)).doubleValue());
    }
}
