package org.onset.instrument.registry;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;

/**
 * One instrument present now: a registered driver service with its {@code instrument.id}.
 *
 * @param id            the {@value InstrumentDriver#INSTRUMENT_ID} of the service
 * @param name          human readable name (from the driver's {@link InstrumentInfo})
 * @param simulated     true when the driver declares {@value InstrumentRegistry#SIMULATED}{@code =true}
 *                      (or, when it declares nothing, when its {@link InstrumentInfo#simulated()} says so)
 * @param bundle        symbolic name of the bundle that registered the driver
 * @param bundleVersion version of that bundle
 * @param properties    the service properties (the instrument's configuration, as published by DS)
 * @param driver        the driver service itself
 */
public record Instrument(String id, String name, boolean simulated, String bundle, String bundleVersion,
        Map<String, Object> properties, InstrumentDriver driver) {

    public Instrument {
        properties = Map.copyOf(properties);
    }

    /** The driver's status now (not a snapshot: asks the driver). */
    public InstrumentStatus status() {
        return driver.status();
    }

    public InstrumentInfo info() {
        return driver.info();
    }

    /** The PID of the Config Admin configuration behind the service; empty when there is none. */
    public Optional<String> configurationPid() {
        return Optional.ofNullable(last(properties.get("service.pid")));
    }

    /** The factory PID of that configuration (the driver type); empty when it is not a factory configuration. */
    public Optional<String> factoryPid() {
        return Optional.ofNullable(last(properties.get("service.factoryPid")));
    }

    /** Bundle symbolic name and version, e.g. "org.onset.instrument.sim 0.1.0.202501011200". */
    public String bundleDescription() {
        return bundle + " " + bundleVersion;
    }

    /** DS may publish a multi-valued service.pid (component PID, then configuration PID): the last one counts. */
    private static String last(Object v) {
        if (v instanceof String[] a) {
            return a.length == 0 ? null : a[a.length - 1];
        }
        if (v instanceof Collection<?> c) {
            return c.isEmpty() ? null : String.valueOf(c.toArray()[c.size() - 1]);
        }
        return v == null ? null : v.toString();
    }
}
