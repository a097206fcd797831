package org.onset.instrument.install;

/**
 * A driver bundle was refused, or the bundle to update or remove is not installed. The message says
 * why, in words a user can act on; the installation is as it was before the call.
 */
public class DriverInstallException extends Exception {

    private static final long serialVersionUID = 1L;

    public DriverInstallException(String message) {
        super(message);
    }

    public DriverInstallException(String message, Throwable cause) {
        super(message, cause);
    }
}
