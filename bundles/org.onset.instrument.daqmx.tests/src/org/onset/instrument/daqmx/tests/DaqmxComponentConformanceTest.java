package org.onset.instrument.daqmx.tests;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.onset.instrument.conformance.DriverComponentConformance;
import org.onset.instrument.conformance.DriverConfigurations;

/** The OSGi side of the contract for the DAQmx driver's component. */
class DaqmxComponentConformanceTest extends DriverComponentConformance {

    private static final EmulatedCards CARDS = new EmulatedCards();

    @Override
    protected DriverConfigurations configurations() {
        return CARDS.configurations();
    }

    /** A machine without NI-DAQmx: the library is not there. */
    @Override
    protected Map<String, Object> settingsOfAbsentHardware() {
        return Map.of("library", "nidaqmx-not-installed-here");
    }

    @Override
    protected Optional<Map<String, Object>> settingsOfPresentHardware() {
        return Optional.of(Map.of("library", FakeDaqmxLibrary.path().toString(), "device",
                FakeDaqmxLibrary.newDevice(-1, -1)));
    }

    @AfterAll
    static void close() {
        CARDS.close();
    }
}
