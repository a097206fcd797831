package org.onset.instrument.registry;

import java.util.Map;
import java.util.Optional;

/**
 * The Config Admin configuration of one instrument (a configuration with an {@code instrument.id}).
 *
 * @param instrumentId its {@code instrument.id}
 * @param pid          the configuration's PID
 * @param factoryPid   its factory PID (the driver type); empty for a singleton configuration
 * @param properties   its properties as stored
 */
public record InstrumentConfiguration(String instrumentId, String pid, Optional<String> factoryPid,
        Map<String, Object> properties) {

    public InstrumentConfiguration {
        properties = Map.copyOf(properties);
    }

    /** The factory PID, or the PID of a singleton configuration: what the driver's metatype is declared for. */
    public String driverPid() {
        return factoryPid.orElse(pid);
    }
}
