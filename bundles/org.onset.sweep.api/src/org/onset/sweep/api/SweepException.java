package org.onset.sweep.api;

/**
 * A map cannot be started or resumed: invalid recipe, instrument missing or refusing, output file
 * not writable or not matching the recipe on resume. The message says which, in a user's words.
 */
public class SweepException extends Exception {
    private static final long serialVersionUID = 1L;

    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
