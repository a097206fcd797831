package org.onset.sweep.internal;

/** A driver call threw, reported a fault or did not return in time. */
final class DriverFault extends Exception {
    private static final long serialVersionUID = 1L;

    DriverFault(String message, Throwable cause) {
        super(message, cause);
    }
}
