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

    // maxCutoffLatencySeconds: the suite's 0.1 s; typically one 5 ms poll, more when a loaded machine stalls the JVM.

    @AfterAll
    static void closeEmulators() {
        INSTRUMENTS.close();
    }
}
