package org.onset.instrument.api;

/**
 * A height image, row-major with x fastest: {@code height[j * nx + i]} at
 * (x0 + i·dx, y0 + j·dy). All lengths in m.
 */
public record TopographyImage(int nx, int ny, double x0, double y0, double dx, double dy, double[] height) {
    public TopographyImage {
        if (nx < 1 || ny < 1 || height.length != nx * ny) {
            throw new IllegalArgumentException("image of " + nx + " x " + ny + " needs " + (long) nx * ny
                    + " heights, got " + height.length);
        }
    }

    public double at(int i, int j) {
        return height[j * nx + i];
    }
}
