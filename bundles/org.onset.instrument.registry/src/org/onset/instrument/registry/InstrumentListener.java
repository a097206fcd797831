package org.onset.instrument.registry;

import org.onset.instrument.api.InstrumentStatus;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when instruments come, go or change status. Called on the thread that caused the change (a
 * DS or driver thread): return quickly, and never call back into the driver from here.
 */
@ConsumerType
public interface InstrumentListener {

    default void added(Instrument instrument) {
    }

    default void removed(Instrument instrument) {
    }

    default void statusChanged(Instrument instrument, InstrumentStatus status) {
    }
}
