package org.onset.io.api;

/** The import stopped because its {@link ImportMonitor} was cancelled. */
public class ImportCancelledException extends ImportException {

    private static final long serialVersionUID = 1L;

    public ImportCancelledException(String message) {
        super(message);
    }
}
