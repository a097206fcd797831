/**
 * Headless processing of imported spectra, as pure functions on the data model of
 * {@code org.onset.io.api}: {@link org.onset.spectra.Baselines} (polynomial, asymmetric least
 * squares), {@link org.onset.spectra.Spectra} (normalisation, smoothing, cropping, integration, resampling onto a common axis to overlay spectra of several files),
 * {@link org.onset.spectra.RamanBands} (band integral with a linear baseline, band maps; default
 * band 2700–3000 cm⁻¹, the Li3N band of the paper's Fig. 2b) and {@link org.onset.spectra.EprLines}
 * (zero crossing and g, peak-to-peak width, double integral). Axes may be descending or non-uniform;
 * results keep the units of their inputs. The package version is stated in the bundle's MANIFEST.MF.
 */
package org.onset.spectra;
