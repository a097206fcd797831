/**
 * Analysis of measured maps, on the map model of {@code org.onset.map.api}: the per-map
 * {@link org.onset.analysis.MapStatistics statistics} of the paper (nucleated fraction, onset bias
 * percentiles, the same per region, overshoot of the compliance rule), computed by the
 * {@link org.onset.analysis.MapStatisticsService} service, and the
 * {@link org.onset.analysis.PhaseMapService phase-map service}, which asks every registered
 * {@link org.onset.analysis.PhaseMapProvider} (the simulator's ground truth, later phases derived
 * from the data or a user's mask file) which region each pixel of a map lies in. Bias in V,
 * current in A, lengths in m. The package version is stated in the bundle's MANIFEST.MF.
 */
package org.onset.analysis;
