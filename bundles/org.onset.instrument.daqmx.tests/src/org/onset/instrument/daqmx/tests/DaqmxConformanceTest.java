package org.onset.instrument.daqmx.tests;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConformanceSuite;

/**
 * The driver conformance suite against the DAQmx driver, through JNA, on the C test library with a
 * nucleating cell behind it. Faults: a buffer overflow; link loss: the device is removed.
 */
class DaqmxConformanceTest extends DriverConformanceSuite {

    static final EmulatedCards CARDS = new EmulatedCards();

    protected Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    protected InstrumentDriver createDriver() {
        return CARDS.create(-1, -1, settings());
    }

    @Override
    protected void releaseDriver(InstrumentDriver d) {
        CARDS.release(d);
    }

    @Override
    protected Optional<InstrumentDriver> createDriverFaultingAfter(double seconds) {
        return Optional.of(CARDS.create(seconds, -1, settings()));
    }

    @Override
    protected Optional<InstrumentDriver> createDriverLosingLinkAfter(double seconds) {
        return Optional.of(CARDS.create(-1, seconds, settings()));
    }

    /**
     * Typically one 1 ms block; the software loop behind this stand-in runs in the test JVM, which a loaded
     * 2-core machine stalls at times (130 ms seen with four test suites at once, load 11). The suite's
     * 0.1 s then fails on the machine, not on the driver: 0.3 s here. The latency itself is measured
     * and printed by the benchmark test, not asserted here.
     */
    @Override
    protected double maxCutoffLatencySeconds() {
        return 0.3;
    }

    @AfterAll
    static void closeCards() {
        CARDS.close();
    }
}
