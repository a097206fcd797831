package org.onset.storage.hdf5.internal;

import java.util.List;
import java.util.Set;

/** Names and paths of the map file format (see MAPFILE.md); one place for writer and reader. */
final class MapFileFormat {

    static final String FORMAT_ATTR = "onset_format";
    static final String FORMAT_NAME = "onset-map";
    static final String VERSION_ATTR = "onset_format_version";
    static final long VERSION = 1;
    static final String STATE_ATTR = "acquisition_state";
    static final String STATE_RUNNING = "in progress";
    static final String STATE_COMPLETE = "complete";
    static final int STATE_BYTES = 16;
    /** 1 after a clean close, 0 while a writer has the file open (or was killed). */
    static final String CLEAN_ATTR = "writer_closed_cleanly";

    static final String MEASUREMENT = "/Measurement_000";
    static final String POS_IND = MEASUREMENT + "/Position_Indices";
    static final String POS_VAL = MEASUREMENT + "/Position_Values";
    static final String SPEC_IND = MEASUREMENT + "/Spectroscopic_Indices";
    static final String SPEC_VAL = MEASUREMENT + "/Spectroscopic_Values";
    static final String MAIN_NAME = "Raw_Data";

    /** The three scalar maps: channel group, quantity, unit. */
    record ScalarMap(String group, String quantity, String units) {
        String path() {
            return MEASUREMENT + "/" + group + "/" + MAIN_NAME;
        }
    }

    static final ScalarMap ONSET_BIAS = new ScalarMap("Channel_000", "Onset bias", "V");
    static final ScalarMap CURRENT_AT_END = new ScalarMap("Channel_001", "Current at end", "A");
    static final ScalarMap HEIGHT_CHANGE_AT_END = new ScalarMap("Channel_002", "Height change at end", "m");
    static final List<ScalarMap> SCALAR_MAPS = List.of(ONSET_BIAS, CURRENT_AT_END, HEIGHT_CHANGE_AT_END);

    /** Layout of the grid, numeric attributes of the measurement group. */
    static final String NX = "grid_nx", NY = "grid_ny", X0 = "grid_x0_m", Y0 = "grid_y0_m", DX = "grid_dx_m",
            DY = "grid_dy_m";

    static final String PIXELS = MEASUREMENT + "/Pixels";
    static final String WRITTEN = PIXELS + "/written";
    static final String X = PIXELS + "/x";
    static final String Y = PIXELS + "/y";
    static final String RULE = PIXELS + "/rule";
    static final String TERMINATION = PIXELS + "/termination";
    static final String FAULT_REASON = PIXELS + "/fault_reason";
    static final String CUTOFF_INDEX = PIXELS + "/cutoff_sample_index";
    static final String START_MS = PIXELS + "/start_epoch_ms";
    static final String END_MS = PIXELS + "/end_epoch_ms";
    static final String SAMPLE_RATE = PIXELS + "/sample_rate";
    static final String SAMPLE_COUNT = PIXELS + "/sample_count";
    static final int TERMINATION_BYTES = 16;
    /** Per pixel the index of the acquisition session that measured it (int32, -1: none). */
    static final String SESSION = PIXELS + "/session";
    /** Attribute of the Pixels group: the acquisition sessions as a JSON array. */
    static final String SESSIONS_ATTR = "sessions";
    /** Per pixel the CRC32C of each of {@link PixelChecksum#PARTS} (int64 (N_pos, 5), -1: none). */
    static final String CHECKSUM = PIXELS + "/checksum_crc32c";

    static final String CURVES = MEASUREMENT + "/Curves";
    static final String CHANNELS_ATTR = "channels";
    /** Curve channels in storage order. */
    static final List<String> CURVE_CHANNELS = List.of("time", "bias", "current", "height");
    static final List<String> CURVE_UNITS = List.of("s", "V", "A", "m");

    static final String TOPOGRAPHY = MEASUREMENT + "/Topography";

    /** Attribute names of the measurement group that are not the caller's: layout and pyUSID book-keeping. */
    static final Set<String> RESERVED = Set.of(NX, NY, X0, Y0, DX, DY, Provenance.TIMESTAMP, Provenance.MACHINE_ID,
            Provenance.PLATFORM, Provenance.ONSET_VERSION);

    static String encodingPath(String channel) {
        return CURVES + "/" + channel + "_encoding";
    }

    static String offsetPath(String channel) {
        return CURVES + "/" + channel + "_offset";
    }

    static String dataPath(String channel, Encoding e) {
        return CURVES + "/" + channel + "_" + e.suffix;
    }

    static String units(String channel) {
        return CURVE_UNITS.get(CURVE_CHANNELS.indexOf(channel));
    }

    private MapFileFormat() {
    }
}
