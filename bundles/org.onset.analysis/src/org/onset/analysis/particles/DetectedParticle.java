package org.onset.analysis.particles;

/**
 * One particle found in a height image.
 *
 * @param label            its label in {@link ParticleDetection#labels()} (1, 2, …)
 * @param pixels           image points it covers
 * @param volume           volume above the local baseline, m³
 * @param height           highest point above the local baseline, m
 * @param equivalentRadius radius of the disk with the particle's projected area, m
 * @param x                centroid (weighted by height above the baseline), m
 * @param y                centroid, m
 * @param baseline         the local baseline: median height of the ring of background points around it, m
 */
public record DetectedParticle(int label, int pixels, double volume, double height, double equivalentRadius, double x,
        double y, double baseline) {
}
