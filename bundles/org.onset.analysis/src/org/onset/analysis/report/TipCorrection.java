package org.onset.analysis.report;

import java.util.List;

import org.onset.analysis.particles.Transference;
import org.onset.instrument.api.TopographyImage;

/**
 * The tip deconvolution applied before the particle volumes ({@link
 * org.onset.analysis.topography.TipDeconvolution#erode}): the particles are found in the image as
 * recorded, and each one's volume is measured again, over the same points and with the same kind of
 * local baseline, in the difference of the eroded images (after and before each eroded by the tip,
 * after registered on before by the shift found on the recorded images). The transference slope uses
 * the corrected volumes when there is a correction; the uncorrected points and slope are kept here.
 *
 * @param radius         tip radius, m; 0: no correction (then the other fields are null or empty); without
 *                       particles the radius that would have been used, with nothing corrected
 * @param source         where the radius comes from, in words ("given", "the file's instrument setting …",
 *                       "the simulator's default …", or why there is none)
 * @param difference     after − before of the eroded images; null without correction or particles
 * @param volumes        per particle (index = label − 1), volume above the local baseline in that difference,
 *                       m³; null without correction or particles
 * @param uncorrected    the transference points with Li atoms from the volumes as recorded (tip-dilated);
 *                       empty without correction
 * @param uncorrectedFit their slope; null without correction or with fewer than 2 points
 * @since 1.3
 */
public record TipCorrection(double radius, String source, TopographyImage difference, double[] volumes,
        List<Transference.Point> uncorrected, Transference.SlopeFit uncorrectedFit) {

    public TipCorrection {
        uncorrected = uncorrected == null ? List.of() : List.copyOf(uncorrected);
    }

    /** No correction, and why. */
    public static TipCorrection none(String why) {
        return new TipCorrection(0, why, null, null, List.of(), null);
    }

    /** True when the volumes were corrected. */
    public boolean applied() {
        return radius > 0 && volumes != null;
    }

    /** The corrected volume of a particle, m³; NaN without correction. */
    public double volume(int label) {
        return volumes == null || label < 1 || label > volumes.length ? Double.NaN : volumes[label - 1];
    }
}
