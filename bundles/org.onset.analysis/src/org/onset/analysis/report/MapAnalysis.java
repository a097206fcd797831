package org.onset.analysis.report;

import java.util.List;
import java.util.Map;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.particles.ParticleDetection;
import org.onset.analysis.particles.Transference;
import org.onset.analysis.phases.OnsetByDistance;
import org.onset.analysis.phases.RankSum;
import org.onset.analysis.topography.Registration;
import org.onset.map.api.Grid;

/**
 * What {@link MapAnalyzer} found in one map file. A part that could not run is null, and
 * {@link #notes()} says why (and what ran instead).
 *
 * @param grid             the map's grid
 * @param storedPixels     pixels stored in the file
 * @param complete         whether the file is marked complete
 * @param notes            messages about the input: what was skipped and why, warnings
 * @param difference       after − before (after registered on before), with the shift; null without both images
 * @param swellingMedian   median of the difference, m (NaN without it)
 * @param particles        particles in the difference image; null without it
 * @param particleRamps    per particle (index = label − 1), storage indices of the nucleated ramps on it
 * @param transference     the points of the transference plot (particles holding exactly one ramp)
 * @param fit              slope of Li atoms against electrons; null with fewer than 2 points
 * @param onsetBias        per pixel onset bias, V (NaN: not nucleated or not stored)
 * @param phases           phases used for the statistics; null when none could be found
 * @param phaseSource      where they come from ("data", "mask FILE")
 * @param distance         per pixel, distance to the nearest AlPO4 boundary, m; null without phases
 * @param byRegion         per region: pixels, nucleated fraction, median onset
 * @param bins             onset against distance to AlPO4
 * @param boundaryVsMatrix Mann–Whitney U of the boundary band's onsets against the matrix's; null when a sample is too small
 * @param groundTruthAgreement fraction of pixels whose AlPO4/LICGC class agrees with a provider's phase map (the
 *                         simulator's ground truth), NaN when there is none
 * @param groundTruthSource where the compared phase map came from; null when none
 * @param tip              the tip deconvolution of the particle volumes: radius, where it comes from, the
 *                         corrected volumes; {@link #transference()} and {@link #fit()} use the corrected volumes
 *                         when {@link TipCorrection#applied()}, the uncorrected ones are in it (never null)
 */
public record MapAnalysis(Grid grid, int storedPixels, boolean complete, List<String> notes,
        Registration.Difference difference, double swellingMedian, ParticleDetection particles,
        List<int[]> particleRamps, List<Transference.Point> transference, Transference.SlopeFit fit,
        double[] onsetBias, PhaseMap phases, String phaseSource, double[] distance, Map<String, Region> byRegion,
        List<OnsetByDistance.Bin> bins, RankSum boundaryVsMatrix, double groundTruthAgreement,
        String groundTruthSource, TipCorrection tip) {

    public MapAnalysis {
        tip = tip == null ? TipCorrection.none("none") : tip;
    }

    /** Without a tip correction (as before 1.3). */
    public MapAnalysis(Grid grid, int storedPixels, boolean complete, List<String> notes,
            Registration.Difference difference, double swellingMedian, ParticleDetection particles,
            List<int[]> particleRamps, List<Transference.Point> transference, Transference.SlopeFit fit,
            double[] onsetBias, PhaseMap phases, String phaseSource, double[] distance, Map<String, Region> byRegion,
            List<OnsetByDistance.Bin> bins, RankSum boundaryVsMatrix, double groundTruthAgreement,
            String groundTruthSource) {
        this(grid, storedPixels, complete, notes, difference, swellingMedian, particles, particleRamps, transference,
                fit, onsetBias, phases, phaseSource, distance, byRegion, bins, boundaryVsMatrix, groundTruthAgreement,
                groundTruthSource, null);
    }

    /**
     * Onset statistics of one region.
     *
     * @param pixels            measured pixels in it
     * @param nucleatedFraction fraction of them that nucleated
     * @param medianOnset       median onset bias of those, V (NaN: none)
     */
    public record Region(int pixels, double nucleatedFraction, double medianOnset) {
    }
}
