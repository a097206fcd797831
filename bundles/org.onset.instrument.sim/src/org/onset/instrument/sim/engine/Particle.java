package org.onset.instrument.sim.engine;

/**
 * A Li metal particle deposited on the sample: a spherical cap centred at (x, y).
 *
 * @param x          centre, m
 * @param y          centre, m
 * @param baseRadius radius of the cap's base, m
 * @param height     apex height of the cap, m
 */
public record Particle(double x, double y, double baseRadius, double height) {

    public Particle {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("particle position must be finite, got (" + x + ", " + y + ") m");
        }
        if (!(baseRadius > 0) || !Double.isFinite(baseRadius) || !(height > 0) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("particle base radius and height must be finite and > 0, got "
                    + baseRadius + " m and " + height + " m");
        }
    }

    /** Volume of the spherical cap, V = (π/6)·h·(3b² + h²), m³. */
    public double volume() {
        return Math.PI / 6 * height * (3 * baseRadius * baseRadius + height * height);
    }

    /** Height of the cap surface above the base plane at (px, py); 0 outside the base, m. */
    public double heightAt(double px, double py) {
        double dx = px - x;
        double dy = py - y;
        double r2 = dx * dx + dy * dy;
        if (r2 >= baseRadius * baseRadius) {
            return 0;
        }
        // sphere through the base circle and the apex: radius (b² + h²) / 2h, centre below the apex
        double sphere = (baseRadius * baseRadius + height * height) / (2 * height);
        return Math.sqrt(sphere * sphere - r2) - (sphere - height);
    }
}
