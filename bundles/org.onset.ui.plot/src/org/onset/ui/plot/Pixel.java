package org.onset.ui.plot;

/**
 * A cell of a {@link MapPlot}: column {@code i} (along x, from 0 at x0) and row {@code j} (along y, from 0
 * at the bottom, y0), as a scan records them.
 */
public record Pixel(int i, int j) {
}
