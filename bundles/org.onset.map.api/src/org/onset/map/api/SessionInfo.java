package org.onset.map.api;

/**
 * What the caller of {@link MapStoreFactory#openForResume(java.nio.file.Path, SessionInfo)} says
 * about the session it starts: the store adds start, end and its own version.
 *
 * @param instrumentId       {@code instrument.id} of the driver that will measure
 * @param instrumentSettings its configuration as a JSON object (as in the attribute
 *                           {@link MapAttributes#INSTRUMENT_SETTINGS})
 * @param note               kept with the session, e.g. accepted instrument changes; "" for none
 */
public record SessionInfo(String instrumentId, String instrumentSettings, String note) {

    public SessionInfo {
        instrumentId = instrumentId == null ? "" : instrumentId;
        instrumentSettings = instrumentSettings == null ? "" : instrumentSettings;
        note = note == null ? "" : note;
    }

    /** A session whose instrument the caller does not say. */
    public static SessionInfo unknown() {
        return new SessionInfo("", "", "");
    }
}
