package org.onset.instrument.conformance.runner;

import java.util.OptionalDouble;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs Onset's driver conformance suite ({@code org.onset.instrument.conformance}) in this framework
 * against the driver type of a configured instrument: every test gets a fresh driver from a new
 * factory configuration with the instrument's settings (and an id of its own), deleted after the test,
 * so the instrument itself is not touched.
 */
@ProviderType
public interface ConformanceRunner {

    /**
     * @param instrumentId     a configured instrument ({@code onset drivers list})
     * @param resistorOhms     empty: the instrument is connected to a nucleating cell (the suite's
     *                         default stimulus); else to a resistor of that many Ω
     * @param resistorVolts    the bias the resistor stimulus ramps to, V (ignored without a resistor)
     * @throws IllegalArgumentException no instrument of that id is configured
     */
    ConformanceReport run(String instrumentId, OptionalDouble resistorOhms, double resistorVolts);
}
