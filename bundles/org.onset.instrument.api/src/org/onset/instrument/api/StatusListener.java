package org.onset.instrument.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Told about status changes of an instrument. Must return quickly. */
@ConsumerType
@FunctionalInterface
public interface StatusListener {
    void statusChanged(InstrumentInfo instrument, InstrumentStatus status);
}
