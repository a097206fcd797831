package org.onset.instrument.registry;

/** A configuration could not be created, changed or deleted; the message says why in a user's words. */
public class InstrumentConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String instrumentId;

    public InstrumentConfigurationException(String instrumentId, String message) {
        super(message);
        this.instrumentId = instrumentId;
    }

    /** The instrument concerned. */
    public String instrumentId() {
        return instrumentId;
    }
}
