package org.onset.instrument.registry;

/**
 * The driver accepted the configuration's types but refused its values (it went to FAULT); the
 * change was rolled back: a new configuration deleted, a changed one restored.
 */
public class DriverRefusedException extends InstrumentConfigurationException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public DriverRefusedException(String instrumentId, String reason, String rollback) {
        super(instrumentId, "the driver of '" + instrumentId + "' refused these settings: " + reason + "; " + rollback);
        this.reason = reason;
    }

    /** The driver's own reason (its FAULT status), which names the setting. */
    public String reason() {
        return reason;
    }
}
