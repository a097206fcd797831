package org.example.acme.driver.tests;

import java.util.Map;
import java.util.Optional;

import org.example.acme.driver.internal.AcmeDriver;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConformanceSuite;

/** Onset's driver contract, run against the Acme driver on its 1 GΩ dummy cell. */
class AcmeConformanceTest extends DriverConformanceSuite {

    private static final double OHMS = 1e9;

    @Override
    protected InstrumentDriver createDriver() {
        return new AcmeDriver(Map.of(InstrumentDriver.INSTRUMENT_ID, "acme-test", "resistance", OHMS));
    }

    @Override
    protected InstrumentDriver createRealTimeDriver() {
        return new AcmeDriver(Map.of(InstrumentDriver.INSTRUMENT_ID, "acme-rt", "resistance", OHMS, "realTime", true));
    }

    @Override
    protected Optional<InstrumentDriver> createDriverFaultingAfter(double seconds) {
        return Optional.of(new AcmeDriver(Map.of(InstrumentDriver.INSTRUMENT_ID, "acme-fault", "resistance", OHMS,
                "fault.after", seconds)));
    }

    /** A resistor, not a nucleating cell: ramps to −2 V give −2 nA. */
    @Override
    protected Stimulus stimulus() {
        return Stimulus.resistor(OHMS, -2.0);
    }
}
