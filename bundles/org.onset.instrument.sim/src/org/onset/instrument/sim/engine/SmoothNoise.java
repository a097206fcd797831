package org.onset.instrument.sim.engine;

/**
 * Gaussian random fields on a grid: white noise blurred by a Gaussian kernel. With a kernel of
 * standard deviation ℓ/2 the field's correlation is exp(-r²/ℓ²), i.e. 1/e at the correlation
 * length ℓ. Scaled by the kernel's theoretical gain, so {@code rms} is the ensemble RMS.
 */
final class SmoothNoise {

    private SmoothNoise() {
    }

    /**
     * @param nx          grid points in x
     * @param ny          grid points in y
     * @param step        grid step, m
     * @param correlation correlation length ℓ, m
     * @param rms         RMS of the field
     * @return row-major field, {@code field[j * nx + i]}
     */
    static double[] field(FastRandom rnd, int nx, int ny, double step, double correlation, double rms) {
        double[] out = new double[nx * ny];
        if (rms == 0) {
            return out;
        }
        double sigmaCells = correlation / 2 / step;
        if (sigmaCells < 0.3) {
            // correlation shorter than the grid: independent values are the best the grid can hold
            for (int k = 0; k < out.length; k++) {
                out[k] = rms * rnd.nextGaussian();
            }
            return out;
        }
        int radius = (int) Math.ceil(3.5 * sigmaCells);
        double[] kernel = new double[2 * radius + 1];
        double sumSquares = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-0.5 * k * k / (sigmaCells * sigmaCells));
            sumSquares += kernel[k + radius] * kernel[k + radius];
        }
        // 2-D kernel is the product of two 1-D ones: its gain (RMS out / RMS in) is sum(k²)
        double scale = rms / sumSquares;
        int px = nx + 2 * radius;
        int py = ny + 2 * radius;
        double[] white = new double[px * py];
        for (int k = 0; k < white.length; k++) {
            white[k] = rnd.nextGaussian();
        }
        // blur along x (only the rows we keep need all columns), then along y
        double[] rows = new double[nx * py];
        for (int j = 0; j < py; j++) {
            int base = j * px;
            for (int i = 0; i < nx; i++) {
                double s = 0;
                for (int k = 0; k < kernel.length; k++) {
                    s += kernel[k] * white[base + i + k];
                }
                rows[j * nx + i] = s;
            }
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double s = 0;
                for (int k = 0; k < kernel.length; k++) {
                    s += kernel[k] * rows[(j + k) * nx + i];
                }
                out[j * nx + i] = s * scale;
            }
        }
        return out;
    }
}
