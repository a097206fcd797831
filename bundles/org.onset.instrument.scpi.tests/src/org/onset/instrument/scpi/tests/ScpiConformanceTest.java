package org.onset.instrument.scpi.tests;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConformanceSuite;

/**
 * The driver conformance suite against the SCPI driver and an emulated 2450 with a nucleating cell
 * behind it. Faults: the emulator answers garbage; link loss: it drops the connection.
 */
class ScpiConformanceTest extends DriverConformanceSuite {

    static final EmulatedInstruments INSTRUMENTS = new EmulatedInstruments();

    protected CellModel cell() {
        return INSTRUMENTS.nucleatingCell();
    }

    @Override
    protected InstrumentDriver createDriver() {
        return INSTRUMENTS.create(cell(), ScpiEmulator.Faults.NONE, Map.of());
    }

    @Override
    protected void releaseDriver(InstrumentDriver d) {
        INSTRUMENTS.release(d);
    }

    @Override
    protected Optional<InstrumentDriver> createDriverFaultingAfter(double seconds) {
        return Optional.of(INSTRUMENTS.create(cell(), new ScpiEmulator.Faults(Double.NaN, seconds, null), Map.of()));
    }

    @Override
    protected Optional<InstrumentDriver> createDriverLosingLinkAfter(double seconds) {
        return Optional.of(INSTRUMENTS.create(cell(), new ScpiEmulator.Faults(seconds, Double.NaN, null), Map.of()));
    }

    /**
     * Typically one 5 ms poll; the software loop behind this stand-in runs in the test JVM, which a loaded
     * 2-core machine stalls at times (130 ms seen with four test suites at once, load 11). The suite's
     * 0.1 s then fails on the machine, not on the driver: 0.3 s here. The latency itself is measured
     * and printed by the benchmark test, not asserted here.
     */
    @Override
    protected double maxCutoffLatencySeconds() {
        return 0.3;
    }

    @AfterAll
    static void closeEmulators() {
        INSTRUMENTS.close();
    }
}
