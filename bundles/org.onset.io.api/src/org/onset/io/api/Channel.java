package org.onset.io.api;

/**
 * One channel of an {@link Image}, e.g. "Z forward".
 *
 * @param name     as the file names it
 * @param quantity e.g. "height", "current"
 * @param unit     SI unit, e.g. "m", "A"
 * @param z        nx · ny values, row-major, row 0 at the top of the image as displayed, NaN = no data
 */
public record Channel(String name, String quantity, String unit, double[] z) {
}
