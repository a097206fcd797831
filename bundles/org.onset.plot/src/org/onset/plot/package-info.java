/**
 * Figures without a UI toolkit: perceptual {@link org.onset.plot.ColorMap colour maps}, axis
 * {@link org.onset.plot.Ticks ticks} labelled with SI prefixes, {@link org.onset.plot.ColorLimits
 * colour-limit policies}, and {@link org.onset.plot.MapFigure maps} and {@link org.onset.plot.XYFigure
 * XY plots} written as PNG or SVG. Colours are packed {@code 0xRRGGBB} ints and inputs are plain arrays
 * in SI units, so SWT views, batch commands and tests use the same maps and ticks without AWT types in
 * their signatures; Java2D draws behind this API.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.onset.plot;
