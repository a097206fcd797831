package org.onset.storage.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.TopographyImage;
import org.onset.storage.hdf5.internal.Hdf5MapFileWriter;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Writes a map file pixel by pixel so that killing the process loses at most the pixel in flight.
 * The layout is described in this bundle's MAPFILE.md; files open in h5py and HDFView and the
 * scalar maps follow pyUSID's "Main dataset" rules.
 *
 * <p>Not thread-safe: one thread writes.
 */
@ProviderType
public interface MapFileWriter extends AutoCloseable {

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
     * @param layout     the grid
     * @param attributes stored as string attributes of the measurement group (recipe JSON,
     *                   instrument settings JSON, software version …); names must be simple
     * @param channels   range and resolution of the acquired channels, used to store curves
     *                   compactly as ADC codes when the values allow it exactly
     * @throws IOException with the path and the reason when the file cannot be created
     */
    static MapFileWriter create(Path file, MapLayout layout, Map<String, String> attributes,
            List<ChannelSpec> channels) throws IOException {
        return create(file, layout, attributes, channels, IfExists.FAIL);
    }

    /** As {@link #create(Path, MapLayout, Map, List)}, with a choice for an existing file. */
    static MapFileWriter create(Path file, MapLayout layout, Map<String, String> attributes,
            List<ChannelSpec> channels, IfExists ifExists) throws IOException {
        return Hdf5MapFileWriter.create(file, layout, attributes, channels, ifExists);
    }

    /**
     * Reopens an interrupted (or finished) map file to append more pixels.
     *
     * @throws IOException with the path and the reason when the file is missing, not HDF5,
     *                     not an Onset map file or damaged
     */
    static MapFileWriter openForResume(Path file) throws IOException {
        return Hdf5MapFileWriter.openForResume(file);
    }

    /** The file being written. */
    Path file();

    MapLayout layout();

    /** Pixels stored so far (bit = storage index); a copy. */
    BitSet completedPixels();

    /**
     * Stores one pixel: scalars, per-pixel data and the whole curve, then flushes so that the pixel
     * survives a kill of the process from the moment this method returns.
     *
     * @throws IllegalArgumentException when the record does not fit the layout (index, i, j) or a
     *                                  text field is too long
     * @throws IllegalStateException    when the pixel is already stored or the writer is closed
     * @throws IOException              when HDF5 fails to write
     */
    void appendPixel(PixelRecord pixel) throws IOException;

    /** True when a topography image of that name is stored. */
    boolean hasTopography(String name);

    /**
     * Stores a topography image ("before" or "after" the map) and flushes.
     *
     * @throws IllegalStateException when an image of that name is already stored
     */
    void writeTopography(String name, TopographyImage image) throws IOException;

    /** Marks the acquisition as complete (all intended pixels measured) and flushes. */
    void markComplete() throws IOException;

    /** Trims the curve datasets to their data and closes the file. Idempotent. */
    @Override
    void close() throws IOException;
}
