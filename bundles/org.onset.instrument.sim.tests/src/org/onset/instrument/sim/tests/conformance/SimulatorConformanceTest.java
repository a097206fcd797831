package org.onset.instrument.sim.tests.conformance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConformanceSuite;
import org.onset.instrument.sim.engine.Phase;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;
import org.onset.instrument.sim.internal.SimulatedInstrument;

/** The driver conformance suite against real simulator instances made through Config Admin. */
class SimulatorConformanceTest extends DriverConformanceSuite {

    private static final SimulatorFixture FIXTURE = new SimulatorFixture();
    private final Map<InstrumentDriver, Integer> sitesUsed = new IdentityHashMap<>();

    /** Settings every instance of this test class gets (virtual timing unless overridden). */
    protected Map<String, Object> baseSettings() {
        return Map.of();
    }

    private InstrumentDriver create(Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(baseSettings());
        settings.putAll(extra);
        return FIXTURE.create(settings);
    }

    @Override
    protected InstrumentDriver createDriver() {
        return create(Map.of());
    }

    @Override
    protected void releaseDriver(InstrumentDriver d) {
        sitesUsed.remove(d);
        FIXTURE.release(d);
    }

    @Override
    protected InstrumentDriver createRealTimeDriver() {
        return create(Map.of("timing", "realtime"));
    }

    @Override
    protected Optional<InstrumentDriver> createDriverFaultingAfter(double seconds) {
        return Optional.of(create(Map.of("fault.afterSeconds", seconds)));
    }

    @Override
    protected Optional<InstrumentDriver> createDriverLosingLinkAfter(double seconds) {
        return Optional.of(create(Map.of("disconnect.afterSeconds", seconds)));
    }

    /** Moves to a fresh matrix spot with a low nucleation overpotential (never an AlPO4 grain). */
    @Override
    protected void prepareResponsiveSite(InstrumentDriver d) {
        int used = sitesUsed.merge(d, 1, Integer::sum) - 1;
        double[] site = easySites(((SimulatedInstrument) d).sample()).get(used);
        d.positioner().orElseThrow().moveTo(site[0], site[1], 0);
    }

    @Override
    protected double maxCutoffLatencySeconds() {
        // the simulator keeps ramping for its loop latency tau_L after the cutoff sample, no longer
        return SimSettings.defaults().detectionLatency() + 1e-3;
    }

    static List<double[]> easySites(SimulatedSample s) {
        List<double[]> sites = new ArrayList<>();
        int n = 16;
        for (int j = 1; j < n; j++) {
            for (int i = 1; i < n; i++) {
                double x = s.width() * i / n;
                double y = s.height() * j / n;
                if (s.phaseAt(x, y) == Phase.MATRIX && Double.isFinite(s.eta50At(x, y))) {
                    sites.add(new double[] { x, y, s.eta50At(x, y) });
                }
            }
        }
        sites.sort(Comparator.comparingDouble(p -> p[2]));
        return sites;
    }

    @AfterAll
    static void deleteLeftovers() {
        FIXTURE.close();
    }
}
