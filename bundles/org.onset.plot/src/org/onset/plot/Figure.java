package org.onset.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.onset.plot.internal.Canvas;

/**
 * A figure that renders itself to PNG (raster, exact colours per pixel) or SVG (text stays text,
 * lines stay lines; the map's cells are embedded as one image). Rendering is headless.
 */
public interface Figure {

    /** Width in pixels (PNG) or user units (SVG). */
    int width();

    /** Height in pixels (PNG) or user units (SVG). */
    int height();

    /** The figure as an encoded PNG file. */
    byte[] toPng() throws IOException;

    /** The figure as a standalone SVG document (UTF-8 XML declaration, no DTD). */
    String toSvg();

    /** Writes the PNG; a reader never sees a half-written file (it is written beside and moved). */
    default void writePng(Path file) throws IOException {
        Canvas.writeAtomically(file, toPng());
    }

    /** Writes the SVG, like {@link #writePng}. */
    default void writeSvg(Path file) throws IOException {
        Canvas.writeAtomically(file, toSvg().getBytes(StandardCharsets.UTF_8));
    }
}
