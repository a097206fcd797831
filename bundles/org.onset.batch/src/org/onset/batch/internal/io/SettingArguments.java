package org.onset.batch.internal.io;

import java.util.LinkedHashMap;
import java.util.Map;

import org.onset.io.api.ImportSettings;

/**
 * The {@code --set KEY=VALUE} options of {@code onset inspect} and {@code onset import}: importer
 * settings (e.g. {@code mdt.content=curves}) typed as the importers read them — true/false a flag, a
 * number a number, anything else text.
 */
public final class SettingArguments {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds one KEY=VALUE; a malformed one is a usage error. */
    public void add(String keyValue) {
        int eq = keyValue == null ? -1 : keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set needs KEY=VALUE (an importer setting such as mdt.content=curves), got '"
                    + keyValue + "'");
        }
        String key = keyValue.substring(0, eq).strip();
        String v = keyValue.substring(eq + 1).strip();
        Object typed = v;
        if (v.equals("true") || v.equals("false")) {
            typed = Boolean.valueOf(v);
        } else if (v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            typed = Double.valueOf(v);
        }
        values.put(key, typed);
    }

    public ImportSettings settings() {
        return values.isEmpty() ? ImportSettings.DEFAULTS : new ImportSettings(values);
    }
}
