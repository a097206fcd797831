package org.example.acme.driver.tests;

import java.util.Map;
import java.util.Optional;

import org.example.acme.driver.internal.AcmeDriver;
import org.onset.instrument.conformance.DriverComponentConformance;
import org.onset.instrument.conformance.DriverConfigurations;
import org.osgi.framework.FrameworkUtil;

/** The OSGi side of Onset's driver contract: one service per factory configuration, and so on. */
class AcmeComponentConformanceTest extends DriverComponentConformance {

    private final DriverConfigurations configurations = new DriverConfigurations(
            FrameworkUtil.getBundle(AcmeDriver.class).getBundleContext(), AcmeDriver.PID);

    @Override
    protected DriverConfigurations configurations() {
        return configurations;
    }

    /** The dummy cell unplugged: connect() fails and says so. */
    @Override
    protected Map<String, Object> settingsOfAbsentHardware() {
        return Map.of("cell.plugged", false);
    }

    @Override
    protected Optional<Map<String, Object>> settingsOfPresentHardware() {
        return Optional.of(Map.of("resistance", 1e9));
    }
}
