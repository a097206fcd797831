package org.onset.io.api;

/**
 * The dependent values of a spectrum.
 *
 * @param quantity e.g. "intensity", "EPR signal"
 * @param unit     e.g. "counts", "a.u."
 * @param values   one value per point of the x axis
 */
public record Signal(String quantity, String unit, double[] values) {
}
