package org.onset.io.api;

/**
 * Spectra on an nx × ny grid sharing one x axis, stored compactly as float32 (what the instruments
 * write). Spectrum {@code i = row * nx + column} (x fastest, row 0 first in the file's own y order);
 * its intensities are {@code intensities[i * points .. (i + 1) * points)}.
 *
 * @param x           the shared axis
 * @param yQuantity   quantity of the intensities
 * @param yUnit       unit of the intensities
 * @param nx          columns
 * @param ny          rows
 * @param intensities nx · ny · x.size() values
 * @param positionX   x position of each spectrum in m (NaN when unknown)
 * @param positionY   y position of each spectrum in m (NaN when unknown)
 */
public record SpectrumMap(Axis x, String yQuantity, String yUnit, int nx, int ny, float[] intensities,
        double[] positionX, double[] positionY) implements Data {

    public SpectrumMap {
        long n = (long) nx * ny;
        if (nx <= 0 || ny <= 0 || n * x.size() != intensities.length || positionX.length != n
                || positionY.length != n) {
            throw new IllegalArgumentException("map " + nx + " × " + ny + " × " + x.size()
                    + " does not fit " + intensities.length + " intensities / " + positionX.length + " positions");
        }
    }

    public int points() {
        return x.size();
    }

    /** Spectrum {@code i} as a standalone spectrum (copied). */
    public Spectrum spectrum(int i) {
        int p = points();
        double[] y = new double[p];
        for (int k = 0; k < p; k++) {
            y[k] = intensities[i * p + k];
        }
        return new Spectrum(x, new Signal(yQuantity, yUnit, y));
    }

    @Override
    public String kind() {
        return "map";
    }
}
