package org.onset.io.api;

/** What an import yields: one spectrum, a set of spectra, a spectrum map, or an image with channels. */
public sealed interface Data permits Spectrum, SpectrumSet, SpectrumMap, Image {

    /** "spectrum", "spectra", "map" or "image" (the {@code kind} of {@code onset inspect}). */
    String kind();
}
