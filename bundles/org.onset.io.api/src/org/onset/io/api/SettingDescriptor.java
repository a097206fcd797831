package org.onset.io.api;

/**
 * One typed setting an importer understands.
 *
 * @param key          the key in {@link ImportSettings}, e.g. "scale.scans"
 * @param type         Boolean, Double, Integer or String
 * @param defaultValue the value used when the key is absent
 * @param description  one line for users
 */
public record SettingDescriptor(String key, Class<?> type, Object defaultValue, String description) {
}
