package org.example.acme.driver.tests;

import java.util.Map;

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

    /** The dummy cell has no link that could hang: any settings do. */
    @Override
    protected Map<String, Object> settingsOfAbsentHardware() {
        return Map.of("resistance", 1e9);
    }
}
