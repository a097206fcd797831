package org.onset.sweep.internal;

import java.io.IOException;
import java.util.BitSet;

import org.onset.instrument.api.TopographyImage;
import org.onset.sweep.api.PixelResult;

/**
 * Where a run puts its pixels. Every {@link #append} is on disk when it returns, so that a crash
 * loses at most the pixel in flight.
 */
interface MapStore extends AutoCloseable {

    /** Position indices already stored (pixels of an earlier session on resume). */
    BitSet completed();

    /** The recipe JSON the file was created with. */
    String recipeJson();

    void append(PixelResult pixel, Curve curve) throws IOException;

    boolean hasTopography(String name);

    void writeTopography(String name, TopographyImage image) throws IOException;

    /** Marks the map as complete (all pixels measured). */
    void markComplete() throws IOException;

    @Override
    void close() throws IOException;
}
