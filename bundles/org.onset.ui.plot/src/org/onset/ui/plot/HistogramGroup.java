package org.onset.ui.plot;

/**
 * One group of a {@link HistogramPlot} (for instance the pixels of one phase); groups are stacked in
 * the order given. NaN and infinite values are not counted.
 *
 * @param name   legend text
 * @param values the values to count, in the base unit of the histogram's quantity
 * @param rgb    packed 0xRRGGBB, or {@link org.onset.plot.Series#AUTO_COLOUR} for the next palette colour
 */
public record HistogramGroup(String name, double[] values, int rgb) {

    public HistogramGroup {
        name = name == null ? "" : name;
        if (values == null) {
            throw new IllegalArgumentException("histogram group '" + name + "' has no values array");
        }
        if (rgb != org.onset.plot.Series.AUTO_COLOUR && (rgb & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("histogram group '" + name + "': colour must be 0xRRGGBB, got " + rgb);
        }
    }

    /** A group in the plot's next palette colour. */
    public static HistogramGroup of(String name, double[] values) {
        return new HistogramGroup(name, values, org.onset.plot.Series.AUTO_COLOUR);
    }
}
