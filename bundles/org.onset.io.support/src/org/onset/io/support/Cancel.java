package org.onset.io.support;

import org.onset.io.api.ImportCancelledException;
import org.onset.io.api.ImportMonitor;

/** Progress and cancellation checks between blocks of work. */
public final class Cancel {

    private Cancel() {
    }

    /** Reports progress and throws when the monitor was cancelled. */
    public static void check(ImportMonitor monitor, String file, double fraction) throws ImportCancelledException {
        if (monitor.isCanceled()) {
            throw new ImportCancelledException(file + ": import cancelled");
        }
        monitor.progress(fraction);
    }
}
