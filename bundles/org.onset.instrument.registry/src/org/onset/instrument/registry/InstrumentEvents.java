package org.onset.instrument.registry;

/**
 * EventAdmin topics and property keys of the instrument registry, for parts that listen with
 * {@code @UIEventTopic(InstrumentEvents.ALL)}. Events are posted asynchronously.
 *
 * <p>Every event carries {@link #INSTRUMENT_ID}, {@link #STATE} ("status"), {@link #REASON}, {@link #NAME},
 * {@link #SIMULATED}, {@link #BUNDLE} and {@link #TIMESTAMP}.
 */
public interface InstrumentEvents {
    String PREFIX = "org/onset/instrument/";
    /** Every instrument event. */
    String ALL = PREFIX + "*";

    /** A driver service was registered (an instrument is present). */
    String ADDED = PREFIX + "ADDED";
    /** A driver service was unregistered (the instrument is gone). */
    String REMOVED = PREFIX + "REMOVED";
    /** A driver reported a new status (e.g. ONLINE, BUSY, FAULT). */
    String STATUS = PREFIX + "STATUS";

    /** The instrument's {@code instrument.id} (String). */
    String INSTRUMENT_ID = "instrument.id";
    /**
     * Property "status": the {@link org.onset.instrument.api.InstrumentStatus.State} name (String);
     * OFFLINE on REMOVED.
     */
    String STATE = "status";
    /** Why, in words a user understands (String, may be empty). */
    String REASON = "reason";
    /** The instrument's name (String). */
    String NAME = "name";
    /** Whether the driver is a simulator (Boolean). */
    String SIMULATED = "simulated";
    /** Symbolic name and version of the driver bundle (String). */
    String BUNDLE = "bundle";
    /** When the status was entered, ms since the epoch (Long); EventAdmin's standard "timestamp". */
    String TIMESTAMP = "timestamp";
}
