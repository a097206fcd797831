package org.onset.batch.internal.drivers;

/** A setting on the command line that the driver's metatype refuses; the message names it. */
final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message) {
        super(message);
    }
}
