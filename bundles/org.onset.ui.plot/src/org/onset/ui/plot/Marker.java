package org.onset.ui.plot;

/**
 * A marked point of an {@link XYPlot} (for instance the cutoff sample of a ramp), drawn as a symbol and
 * listed in the legend.
 *
 * @param label legend text ("cutoff sample")
 * @param x     abscissa in the base unit of the x axis
 * @param y     ordinate in the base unit of the y axis
 * @param rgb   packed 0xRRGGBB
 */
public record Marker(String label, double x, double y, int rgb) {

    public Marker {
        label = label == null ? "" : label;
        if ((rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("marker '" + label + "': colour must be 0xRRGGBB, got " + rgb);
        }
    }
}
