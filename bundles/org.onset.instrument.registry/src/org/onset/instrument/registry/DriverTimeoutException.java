package org.onset.instrument.registry;

import java.time.Duration;

/**
 * The driver did not react in time: no service registered for a new or changed configuration, or
 * its service still registered after a deletion. What was written stays written; the message says
 * what is left.
 */
public class DriverTimeoutException extends InstrumentConfigurationException {
    private static final long serialVersionUID = 1L;

    private final Duration waited;

    public DriverTimeoutException(String instrumentId, String message, Duration waited) {
        super(instrumentId, message);
        this.waited = waited;
    }

    public Duration waited() {
        return waited;
    }
}
