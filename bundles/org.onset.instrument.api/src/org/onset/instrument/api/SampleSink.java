package org.onset.instrument.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the sample blocks of a ramp, in order, on the thread that called {@code ramp}. */
@ConsumerType
@FunctionalInterface
public interface SampleSink {
    void accept(SampleBlock block);

    /** A sink that drops everything. */
    static SampleSink discard() {
        return block -> { };
    }
}
