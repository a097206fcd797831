package org.onset.io.api;

import java.io.IOException;

/** A file cannot be imported; the message names the file and the reason. */
public class ImportException extends IOException {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
