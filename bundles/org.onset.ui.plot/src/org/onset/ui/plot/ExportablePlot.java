package org.onset.ui.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.swt.graphics.ImageData;
import org.onset.plot.Figure;

/**
 * What every plot can give away: a figure of {@code org.onset.plot} with the same data, colours,
 * colour limits and axis ranges as on screen (for PNG and SVG), the data shown as CSV with the units in
 * the header, and a picture of the widget (for the clipboard).
 */
public interface ExportablePlot {

    /** The plot as a headless figure: same data, colour map, colour limits and visible ranges. */
    Figure toFigure();

    /** The data shown, as CSV: a header row naming each column's quantity and unit, then one row per point. */
    String toCsv();

    /**
     * The plot as it is on screen — chart, axes, legend, a map's colour bar; not the controls around it —
     * rendered off-screen, so windows or menus over it do not matter.
     */
    ImageData snapshot();

    /** Puts {@link #snapshot()} on the system clipboard as an image. */
    void copyToClipboard();

    /** Writes {@link #toFigure()} as PNG. */
    default void exportPng(Path file) throws IOException {
        toFigure().writePng(file);
    }

    /** Writes {@link #toFigure()} as SVG. */
    default void exportSvg(Path file) throws IOException {
        toFigure().writeSvg(file);
    }

    /** Writes {@link #toCsv()} (UTF-8); a reader never sees a half-written file. */
    default void exportCsv(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".csv-", ".part");
        try {
            Files.writeString(tmp, toCsv(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
