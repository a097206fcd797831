package org.onset.instrument.install;

import java.util.List;
import java.util.Optional;

/**
 * A bundle that provides instrument drivers.
 *
 * @param symbolicName its Bundle-SymbolicName
 * @param version      its Bundle-Version
 * @param state        its state in the framework: INSTALLED, RESOLVED, STARTING, ACTIVE, STOPPING
 * @param builtIn      part of Onset (cannot be removed) rather than installed into the installation area
 * @param file         the jar in the installation area, for installed bundles
 * @param drivers      the names of its DS components that provide {@code InstrumentDriver} (for a
 *                     factory-configured driver, the factory PID of its configurations), sorted
 */
public record DriverBundle(String symbolicName, String version, String state, boolean builtIn,
        Optional<String> file, List<String> drivers) {

    public DriverBundle {
        drivers = List.copyOf(drivers);
    }
}
