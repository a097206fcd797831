package org.onset.instrument.sim.engine;

/**
 * Description of one simulator setting, for configuration forms (metatype) and documentation.
 *
 * @param name         the {@link SimSettings} component name, e.g. "hazardPrefactor"
 * @param unit         SI unit symbol, "1" for dimensionless numbers
 * @param defaultValue the calibrated default, in {@code unit}
 * @param description  what the setting means, in words
 */
public record SettingSpec(String name, String unit, double defaultValue, String description) {
}
