package org.onset.ui.plot;

/** Told when the user selects a pixel of a {@link MapPlot} (click, or arrow keys from the selection). */
@FunctionalInterface
public interface PixelListener {

    /** Called on the UI thread with the newly selected pixel. */
    void pixelSelected(Pixel pixel);
}
