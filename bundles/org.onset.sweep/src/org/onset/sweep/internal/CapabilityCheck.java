package org.onset.sweep.internal;

import static org.onset.sweep.internal.Problems.num;

import java.util.List;

import org.onset.instrument.api.BiasLimits;
import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampSegment;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeProblem;

/** Checks a recipe against what its instrument can do, naming the recipe field that does not fit. */
final class CapabilityCheck {

    private CapabilityCheck() {
    }

    static List<RecipeProblem> check(MapRecipe r, InstrumentDriver driver) {
        Problems p = new Problems();
        String who = "instrument '" + r.instrumentId() + "'";
        Capabilities caps = driver.capabilities();
        BiasLimits lim = caps.biasLimits();
        if (!lim.allows(r.ramp().startVolts())) {
            p.add("ramp.start_V", num(r.ramp().startVolts()) + " V is outside the bias range of " + who + " ["
                    + num(lim.minVolts()) + ", " + num(lim.maxVolts()) + "] V");
        }
        List<RampSegment> segs = r.ramp().segments();
        for (int k = 0; k < segs.size(); k++) {
            RampSegment s = segs.get(k);
            String at = k == 0 ? "ramp" : "ramp.segments[" + (k - 1) + "]";
            if (!lim.allows(s.targetVolts())) {
                p.add(at + (k == 0 ? ".end_V" : ".target_V"), num(s.targetVolts())
                        + " V is outside the bias range of " + who + " [" + num(lim.minVolts()) + ", "
                        + num(lim.maxVolts()) + "] V");
            }
            if (s.rateVoltsPerSecond() > lim.maxRateVoltsPerSecond()) {
                p.add(at + ".rate_V_per_s", num(s.rateVoltsPerSecond()) + " V/s exceeds the maximum of " + who
                        + ", " + num(lim.maxRateVoltsPerSecond()) + " V/s");
            }
        }
        if (r.sampleRateHz() > caps.maxSampleRateHz()) {
            p.add("sample_rate_Hz", num(r.sampleRateHz()) + " Hz exceeds the maximum of " + who + ", "
                    + num(caps.maxSampleRateHz()) + " Hz");
        }
        if (r.cutoff().needs(Channel.HEIGHT) && !caps.has(Channel.HEIGHT)) {
            p.add("cutoff", "'" + r.cutoff().describe() + "' needs a height channel, which " + who + " does not have");
        }
        checkPositions(r.grid(), driver, who, p);
        if (r.topography().before() && driver.topography().isEmpty()) {
            p.add("topography.before", who + " cannot image topography");
        }
        if (r.topography().after() && driver.topography().isEmpty()) {
            p.add("topography.after", who + " cannot image topography");
        }
        return p.list();
    }

    private static void checkPositions(Grid g, InstrumentDriver driver, String who, Problems p) {
        if (driver.positioner().isEmpty()) {
            if (g.pixelCount() > 1) {
                p.add("grid", "has " + g.pixelCount() + " pixels but " + who + " has no XY positioner");
            }
            return;
        }
        if (g.nx() < 1 || g.ny() < 1) {
            return; // reported by the recipe validator
        }
        Positioner pos = driver.positioner().get();
        double nm = JsonRecipeCodec.NM;
        if (g.xMin() < 0 || g.xMax() > pos.rangeX()) {
            p.add("grid", String.format("x from %s to %s nm leaves the positioner range of %s, 0 to %s nm (check x0_nm, nx, spacing)",
                    num(g.xMin() / nm), num(g.xMax() / nm), who, num(pos.rangeX() / nm)));
        }
        if (g.yMin() < 0 || g.yMax() > pos.rangeY()) {
            p.add("grid", String.format("y from %s to %s nm leaves the positioner range of %s, 0 to %s nm (check y0_nm, ny, spacing)",
                    num(g.yMin() / nm), num(g.yMax() / nm), who, num(pos.rangeY() / nm)));
        }
    }
}
