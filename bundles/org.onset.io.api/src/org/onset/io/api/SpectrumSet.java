package org.onset.io.api;

import java.util.List;

/**
 * Several spectra from one file (a series, a 2D EPR experiment, a multifile SPC).
 *
 * @param spectra the spectra in file order
 * @param index   the second axis, one value per spectrum (e.g. microwave power), or null
 */
public record SpectrumSet(List<Spectrum> spectra, Axis index) implements Data {

    public SpectrumSet {
        spectra = List.copyOf(spectra);
        if (spectra.isEmpty()) {
            throw new IllegalArgumentException("a set of spectra needs at least one");
        }
        if (index != null && index.size() != spectra.size()) {
            throw new IllegalArgumentException(spectra.size() + " spectra but " + index.size() + " index values");
        }
    }

    @Override
    public String kind() {
        return "spectra";
    }
}
