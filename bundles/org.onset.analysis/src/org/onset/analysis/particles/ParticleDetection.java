package org.onset.analysis.particles;

import java.util.List;

import org.onset.instrument.api.TopographyImage;

/**
 * The particles found in an image and how they were found.
 *
 * @param image      the analysed image (heights in m)
 * @param particles  in label order
 * @param labels     per image point (row-major, x fastest) the particle's label, 0 for background
 * @param background the background height (median of the image), m
 * @param noise      robust standard deviation of the background (1.4826 · median absolute deviation), m
 * @param threshold  height above which points belong to particles, m
 */
public record ParticleDetection(TopographyImage image, List<DetectedParticle> particles, int[] labels,
        double background, double noise, double threshold) {

    public ParticleDetection {
        particles = List.copyOf(particles);
    }

    /**
     * The label at the image point nearest to (x, y), m; 0 when that is background or (x, y) lies
     * outside the image.
     */
    public int labelAt(double x, double y) {
        long i = Math.round((x - image.x0()) / image.dx());
        long j = Math.round((y - image.y0()) / image.dy());
        if (i < 0 || j < 0 || i >= image.nx() || j >= image.ny()) {
            return 0;
        }
        return labels[(int) j * image.nx() + (int) i];
    }

    /** The particle with that label. */
    public DetectedParticle particle(int label) {
        for (DetectedParticle p : particles) {
            if (p.label() == label) {
                return p;
            }
        }
        throw new IllegalArgumentException("no particle has label " + label);
    }
}
