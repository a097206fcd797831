package org.onset.storage.hdf5.internal;

import static org.onset.storage.hdf5.internal.MapFileFormat.*;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.onset.map.api.AcquisitionSession;
import org.onset.map.api.MapAttributes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import hdf.hdf5lib.exceptions.HDF5Exception;

/**
 * The acquisition sessions of a map file: the attribute {@value MapFileFormat#SESSIONS_ATTR} of the
 * Pixels group, a JSON array (one object per session, MAPFILE.md), rewritten when a writer opens
 * and when it closes the file. Files from before sessions were recorded get one session
 * reconstructed from their attributes.
 */
final class SessionLog {

    static final String RECONSTRUCTED = "reconstructed from the file's attributes: written before sessions were recorded";

    private SessionLog() {
    }

    static boolean stored(long fid) throws HDF5Exception {
        return H5Io.hasAttribute(fid, PIXELS, SESSIONS_ATTR);
    }

    /** The stored sessions, or the one reconstructed from the attributes of an older file. */
    static List<AcquisitionSession> read(long fid, Map<String, String> attributes) throws HDF5Exception {
        if (!stored(fid)) {
            return List.of(reconstructed(fid, attributes));
        }
        return fromJson(H5Io.getString(fid, PIXELS, SESSIONS_ATTR));
    }

    static void write(long fid, List<AcquisitionSession> sessions) throws HDF5Exception {
        H5Io.setString(fid, PIXELS, SESSIONS_ATTR, toJson(sessions));
    }

    /** The creation of a file that recorded no sessions, as far as its attributes tell. */
    static AcquisitionSession reconstructed(long fid, Map<String, String> attributes) throws HDF5Exception {
        Instant start = Instant.EPOCH;
        try {
            start = Instant.parse(attributes.getOrDefault(MapAttributes.CREATED, ""));
        } catch (DateTimeParseException e) {
            // unknown: the epoch says so
        }
        String version = H5Io.hasAttribute(fid, MEASUREMENT, Provenance.ONSET_VERSION)
                ? H5Io.getString(fid, MEASUREMENT, Provenance.ONSET_VERSION)
                : "";
        return new AcquisitionSession(0, start, null, attributes.get(MapAttributes.INSTRUMENT_ID),
                attributes.get(MapAttributes.INSTRUMENT_SETTINGS), version, RECONSTRUCTED);
    }

    static String toJson(List<AcquisitionSession> sessions) {
        JsonArray a = new JsonArray();
        for (AcquisitionSession s : sessions) {
            JsonObject o = new JsonObject();
            o.addProperty("index", s.index());
            o.addProperty("start", s.start().toString());
            o.addProperty("end", s.end() == null ? null : s.end().toString());
            o.addProperty("instrument_id", s.instrumentId());
            o.addProperty("instrument_settings", s.instrumentSettings());
            o.addProperty("software_version", s.softwareVersion());
            o.addProperty("note", s.note());
            a.add(o);
        }
        return a.toString();
    }

    static List<AcquisitionSession> fromJson(String json) {
        List<AcquisitionSession> sessions = new ArrayList<>();
        try {
            for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                sessions.add(new AcquisitionSession(o.get("index").getAsInt(), Instant.parse(text(o, "start")),
                        o.has("end") && !o.get("end").isJsonNull() ? Instant.parse(text(o, "end")) : null,
                        text(o, "instrument_id"), text(o, "instrument_settings"), text(o, "software_version"),
                        text(o, "note")));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the sessions attribute is not readable (" + e.getMessage() + ")", e);
        }
        return sessions;
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }
}
