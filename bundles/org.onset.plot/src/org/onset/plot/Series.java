package org.onset.plot;

/**
 * One line of an {@link XYFigure}: x and y in the base units of the figure's axes. A NaN in either
 * breaks the line there.
 *
 * @param name    legend text
 * @param x       abscissae
 * @param y       ordinates, as many as x
 * @param rgb     packed 0xRRGGBB, or {@link #AUTO_COLOUR} for the next colour of the figure's palette
 * @param markers true to mark each point as well as joining them
 */
public record Series(String name, double[] x, double[] y, int rgb, boolean markers) {

    /** Colour chosen by the figure (its colour-blind-safe palette, in order). */
    public static final int AUTO_COLOUR = -1;

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length
                    + " y values");
        }
        if (rgb != AUTO_COLOUR && (rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("series '" + name + "': colour must be 0xRRGGBB, got " + rgb);
        }
    }

    /** A line in the figure's next colour. */
    public static Series line(String name, double[] x, double[] y) {
        return new Series(name, x, y, AUTO_COLOUR, false);
    }
}
