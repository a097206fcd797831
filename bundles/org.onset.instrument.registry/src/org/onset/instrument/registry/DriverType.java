package org.onset.instrument.registry;

import java.util.List;
import java.util.Optional;

/**
 * A kind of instrument that can be configured: a factory PID whose metatype declares the setting
 * {@code instrument.id}, one instrument per factory configuration.
 *
 * @param factoryPid    the factory PID of its configurations
 * @param name          the name its metatype gives it
 * @param description   the description its metatype gives it
 * @param simulated     the driver component declares {@value InstrumentRegistry#SIMULATED}{@code =true}
 * @param bundle        symbolic name of the bundle that declares the metatype
 * @param bundleVersion version of that bundle
 * @param settings      the declared settings, in the order of the metatype
 */
public record DriverType(String factoryPid, String name, String description, boolean simulated, String bundle,
        String bundleVersion, List<Setting> settings) {

    public DriverType {
        settings = List.copyOf(settings);
    }

    public Optional<Setting> setting(String id) {
        return settings.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * One declared setting.
     *
     * @param id           its name in the configuration
     * @param label        short human readable name
     * @param description  what it means; the unit is written in brackets, e.g. "... [m/s]."
     * @param type         the value's type: String, Long, Integer, Short, Double, Float or Boolean
     * @param unit         the unit from the description, "dimensionless" for [1], empty when none
     * @param defaultValue the default as text, empty when there is none
     * @param options      the allowed values, empty when any value of the type is allowed
     * @param required     the metatype marks it required
     */
    public record Setting(String id, String label, String description, Class<?> type, String unit,
            String defaultValue, List<String> options, boolean required) {
        public Setting {
            options = List.copyOf(options);
        }
    }
}
