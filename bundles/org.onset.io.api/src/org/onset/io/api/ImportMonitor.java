package org.onset.io.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Progress of one import and the caller's way to cancel it. */
@ConsumerType
public interface ImportMonitor {

    /** A monitor that ignores progress and never cancels. */
    ImportMonitor NONE = new ImportMonitor() {
        @Override
        public void progress(double fraction) {
            // nobody watches
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    };

    /** The fraction done, 0..1. */
    void progress(double fraction);

    /** Whether the caller asked to stop; importers then throw {@link ImportCancelledException}. */
    boolean isCanceled();
}
