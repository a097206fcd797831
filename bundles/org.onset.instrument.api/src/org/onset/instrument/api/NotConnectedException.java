package org.onset.instrument.api;

/** A command needs a connected instrument and this one is offline or faulted. */
public class NotConnectedException extends InstrumentException {
    private static final long serialVersionUID = 1L;

    public NotConnectedException(String message) {
        super(message);
    }
}
