package org.onset.instrument.scpi.tests;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.onset.instrument.conformance.DriverComponentConformance;
import org.onset.instrument.conformance.DriverConfigurations;

/** The OSGi side of the contract for the SCPI driver's component. */
class ScpiComponentConformanceTest extends DriverComponentConformance {

    private static final EmulatedInstruments INSTRUMENTS = new EmulatedInstruments();
    private static final ScpiEmulator EMULATOR = INSTRUMENTS.newEmulator(INSTRUMENTS.nucleatingCell(),
            ScpiEmulator.Faults.NONE);

    @Override
    protected DriverConfigurations configurations() {
        return INSTRUMENTS.configurations();
    }

    /** TEST-NET-1 (RFC 5737) is never routed: a connect would wait for its whole timeout (3 s). */
    @Override
    protected Map<String, Object> settingsOfAbsentHardware() {
        return Map.of("host", "192.0.2.1", "port", 5025, "timeout", 3.0);
    }

    @Override
    protected Optional<Map<String, Object>> settingsOfPresentHardware() {
        return Optional.of(Map.of("host", "127.0.0.1", "port", EMULATOR.port()));
    }

    @AfterAll
    static void close() throws Exception {
        INSTRUMENTS.close();
        EMULATOR.close();
    }
}
