package org.onset.ui.plot;

/**
 * A caller-supplied text per pixel for a {@link MapPlot}'s read-out and CSV (for instance the cutoff rule
 * that fired there).
 */
@FunctionalInterface
public interface PixelLabels {

    /** The text for pixel (i, j), or null / "" for none. Called on the UI thread; keep it cheap. */
    String label(int i, int j);
}
