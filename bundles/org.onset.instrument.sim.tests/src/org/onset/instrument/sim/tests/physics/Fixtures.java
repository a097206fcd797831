package org.onset.instrument.sim.tests.physics;

import java.util.Map;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.sim.engine.SimSettings;

/** Shared settings and ramps of the physics tests (PHYSICS.md numbers). */
final class Fixtures {

    /** The paper's ramp: 0 → −4.2 V at 1.2 V/s. */
    static final double END = -4.2;
    static final double RATE = 1.2;
    static final double SAMPLE_RATE = 10e3;
    static final double CURRENT_CUTOFF = -10e-12;
    static final double HEIGHT_CUTOFF = 8e-9;

    private Fixtures() {
    }

    /**
     * A sample whose matrix has the same η50 everywhere (no noise, no AlPO4, no boundary drop), so
     * a pixel's onset statistics are those of η50 = eta50Matrix alone.
     */
    static SimSettings uniform() {
        return SimSettings.defaults().with(Map.of("eta50NoiseSigma", 0, "alpo4AreaFraction", 0, "boundaryDrop", 0));
    }

    static RampRequest currentCompliance() {
        return RampRequest.linear(0, END, RATE, SAMPLE_RATE, CutoffRule.current(CURRENT_CUTOFF));
    }

    static RampRequest heightCompliance() {
        return RampRequest.linear(0, END, RATE, SAMPLE_RATE, CutoffRule.height(HEIGHT_CUTOFF));
    }

    /** Pixel n of a 20 nm grid in the middle of the sample. */
    static double x(int n) {
        return 200e-9 + (n % 40) * 20e-9;
    }

    static double y(int n) {
        return 200e-9 + (n / 40) * 20e-9;
    }
}
