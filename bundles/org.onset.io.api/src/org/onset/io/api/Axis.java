package org.onset.io.api;

/**
 * An independent axis in the file's own order (descending and non-uniform axes stay as they are).
 *
 * @param quantity e.g. "magnetic field", "Raman shift", "wavelength", "g-factor"
 * @param unit     e.g. "G", "cm^-1", "nm"; "" for dimensionless
 * @param values   one value per point
 */
public record Axis(String quantity, String unit, double[] values) {

    public int size() {
        return values.length;
    }

    public double first() {
        return values[0];
    }

    public double last() {
        return values[values.length - 1];
    }
}
