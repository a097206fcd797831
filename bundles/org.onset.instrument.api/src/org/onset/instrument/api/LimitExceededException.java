package org.onset.instrument.api;

/** A requested bias, rate, sample rate or position is outside what the instrument allows. */
public class LimitExceededException extends InstrumentException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(String message) {
        super(message);
    }
}
