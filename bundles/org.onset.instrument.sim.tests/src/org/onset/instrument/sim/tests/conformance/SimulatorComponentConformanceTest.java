package org.onset.instrument.sim.tests.conformance;

import java.util.Map;

import org.onset.instrument.conformance.DriverComponentConformance;
import org.onset.instrument.conformance.DriverConfigurations;
import org.onset.instrument.sim.internal.SimulatedInstrument;
import org.osgi.framework.FrameworkUtil;

/** The OSGi side of the driver contract for the simulator's component. */
class SimulatorComponentConformanceTest extends DriverComponentConformance {

    private static final DriverConfigurations CONFIGURATIONS = new DriverConfigurations(
            FrameworkUtil.getBundle(SimulatedInstrument.class).getBundleContext(), SimulatedInstrument.PID);

    @Override
    protected DriverConfigurations configurations() {
        return CONFIGURATIONS;
    }

    /** The simulator's stand-in for absent hardware: every connect fails. */
    @Override
    protected Map<String, Object> settingsOfAbsentHardware() {
        return Map.of("connect.fail", true);
    }

    @Override
    protected java.util.Optional<Map<String, Object>> settingsOfPresentHardware() {
        return java.util.Optional.of(Map.of());
    }
}
