package org.onset.instrument.api;

/** Base of the exceptions a driver throws for misuse; expected faults are reported as status. */
public class InstrumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InstrumentException(String message) {
        super(message);
    }

    public InstrumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
