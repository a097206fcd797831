package org.onset.instrument.registry;

import java.util.List;

/**
 * Settings the driver's metatype refuses (unknown name, wrong type, outside the options or range);
 * nothing was written. Each problem names its setting.
 */
public class InvalidSettingsException extends InstrumentConfigurationException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSettingsException(String instrumentId, List<String> problems) {
        super(instrumentId, String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per refused setting, each naming it, e.g. "setting 'driftX' must be a number in m/s, got 'slow'". */
    public List<String> problems() {
        return problems;
    }
}
