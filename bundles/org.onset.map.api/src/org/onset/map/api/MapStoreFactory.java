package org.onset.map.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.ChannelSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates map files and reopens interrupted ones for writing: a service (the HDF5 storage bundle
 * provides it), injected into whatever acquires maps.
 */
@ProviderType
public interface MapStoreFactory {

    /** What {@link #create} does when the file already exists. */
    enum IfExists {
        /** Refuse with a {@link java.nio.file.FileAlreadyExistsException}: the default. */
        FAIL,
        /** Delete the existing file and start a new one. */
        REPLACE
    }

    /**
     * Starts a new map file; refuses to overwrite an existing one.
     *
     * @param file       where to write; its directory must exist and be writable
     * @param grid       the grid; must pass {@link Grid#requireValid()}
     * @param attributes stored as string attributes of the file (names in {@link MapAttributes});
     *                   names must be simple. The file's first {@link AcquisitionSession} takes its
     *                   instrument from {@link MapAttributes#INSTRUMENT_ID} and
     *                   {@link MapAttributes#INSTRUMENT_SETTINGS}
     * @param channels   range and resolution of the acquired channels, used to store curves
     *                   compactly as ADC codes when the values allow it exactly
     * @throws IOException with the path and the reason when the file cannot be created
     */
    default MapStore create(Path file, Grid grid, Map<String, String> attributes, List<ChannelSpec> channels)
            throws IOException {
        return create(file, grid, attributes, channels, IfExists.FAIL);
    }

    /** As {@link #create(Path, Grid, Map, List)}, with a choice for an existing file. */
    MapStore create(Path file, Grid grid, Map<String, String> attributes, List<ChannelSpec> channels,
            IfExists ifExists) throws IOException;

    /**
     * Reopens an interrupted (or finished) map file to append more pixels.
     *
     * @throws IOException with the path and the reason when the file is missing, not a map file or
     *                     damaged
     */
    default MapStore openForResume(Path file) throws IOException {
        return openForResume(file, SessionInfo.unknown());
    }

    /**
     * Reopens an interrupted (or finished) map file to append more pixels, starting a new
     * {@link AcquisitionSession} described by {@code session}; the pixels appended belong to it.
     *
     * @since 1.1
     * @throws IOException with the path and the reason when the file is missing, not a map file or
     *                     damaged
     */
    MapStore openForResume(Path file, SessionInfo session) throws IOException;
}
