package org.onset.map.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;

import org.onset.instrument.api.TopographyImage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A map file open for writing, pixel by pixel, so that killing the process loses at most the
 * pixel in flight: every {@link #append} is on disk when it returns. Obtained from
 * {@link MapStoreFactory}.
 *
 * <p>Not thread-safe: one thread writes.
 */
@ProviderType
public interface MapStore extends AutoCloseable {

    /** The file being written. */
    Path file();

    Grid grid();

    /** The string attributes the file was created with (see {@link MapAttributes}). */
    Map<String, String> attributes();

    /**
     * The acquisition sessions of the file, oldest first; the last one is the session of this
     * store. Empty when the store records no sessions.
     *
     * @since 1.1
     */
    default java.util.List<AcquisitionSession> sessions() {
        return java.util.List.of();
    }

    /** Pixels stored so far (bit = storage index), those of earlier sessions included; a copy. */
    BitSet completedPixels();

    /**
     * Stores one pixel: scalars, per-pixel data and the whole curve, then flushes so that the pixel
     * survives a kill of the process from the moment this method returns.
     *
     * @throws IllegalArgumentException when the record does not fit the grid (index, i, j) or a
     *                                  text field is too long
     * @throws IllegalStateException    when the pixel is already stored or the store is closed
     * @throws IOException              when the file cannot be written
     */
    void append(PixelRecord pixel) throws IOException;

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

    /** Finishes the file and closes it. Idempotent. */
    @Override
    void close() throws IOException;
}
