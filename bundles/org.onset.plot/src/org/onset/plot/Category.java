package org.onset.plot;

/**
 * One class of a categorical map (value {@code k} of the data is the k-th category), shown in the
 * legend with its colour.
 *
 * @param label legend text
 * @param rgb   packed 0xRRGGBB
 */
public record Category(String label, int rgb) {
}
