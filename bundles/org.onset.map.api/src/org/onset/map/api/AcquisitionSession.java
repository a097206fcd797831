package org.onset.map.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One stretch of acquisition into a map file: its creation, or one resume. A file records every
 * session, and for every pixel the session that measured it ({@link MapFile#pixelSessions()}), so
 * that a map continued on another instrument, or after the instrument's settings changed, says so.
 *
 * @param index              0 for the session that created the file, then 1, 2, … per resume
 * @param start              when the file was opened for writing
 * @param end                when the writer closed the file; {@code null} when it was killed (or is
 *                           still writing)
 * @param instrumentId       {@code instrument.id} of the driver that measured; "" when unknown
 * @param instrumentSettings the instrument's configuration as a JSON object; "" when unknown
 * @param softwareVersion    version of the software that wrote the session
 * @param note               what the session's writer wanted kept, e.g. the instrument changes that
 *                           were accepted when resuming; "" when nothing
 */
public record AcquisitionSession(int index, Instant start, Instant end, String instrumentId,
        String instrumentSettings, String softwareVersion, String note) {

    public AcquisitionSession {
        if (index < 0) {
            throw new IllegalArgumentException("session index must be >= 0, got " + index);
        }
        Objects.requireNonNull(start, "session start");
        instrumentId = instrumentId == null ? "" : instrumentId;
        instrumentSettings = instrumentSettings == null ? "" : instrumentSettings;
        softwareVersion = softwareVersion == null ? "" : softwareVersion;
        note = note == null ? "" : note;
    }
}
