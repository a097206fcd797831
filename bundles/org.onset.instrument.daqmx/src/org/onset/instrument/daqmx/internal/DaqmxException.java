package org.onset.instrument.daqmx.internal;

/** A DAQmx function returned an error status. */
final class DaqmxException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Errors that mean the device is gone (removed, powered off), not just one failed operation. */
    private static final int DEVICE_CANNOT_BE_ACCESSED = -201003;

    private final int code;

    DaqmxException(String function, int code, String text) {
        super("NI-DAQmx error " + code + " in " + function + ": " + text);
        this.code = code;
    }

    int code() {
        return code;
    }

    boolean deviceGone() {
        return code == DEVICE_CANNOT_BE_ACCESSED;
    }
}
