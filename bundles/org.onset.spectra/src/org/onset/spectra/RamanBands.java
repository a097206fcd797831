package org.onset.spectra;

import java.util.List;
import java.util.Locale;

import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.io.api.SpectrumMap;

/**
 * Integrated intensity of a Raman band, as in the paper's Fig. 2b (the Li3N band at
 * 2700–3000 cm⁻¹ on the Li particles): trapezoid over the band minus the straight line joining the
 * band's two end points, so a sloping background does not count.
 */
public final class RamanBands {

    /** The paper's band, cm⁻¹. */
    public static final double DEFAULT_LOW = 2700;
    public static final double DEFAULT_HIGH = 3000;

    private RamanBands() {
    }

    /**
     * Band integral with a linear baseline between the first and the last point inside [lo, hi] (in
     * ascending x). Units: y unit × x unit. NaN when fewer than two points lie in the band.
     */
    public static double integral(double[] x, double[] y, double lo, double hi) {
        int[] order = Spectra.ascending(x, lo, hi);
        if (order.length < 2) {
            return Double.NaN;
        }
        int first = order[0];
        int last = order[order.length - 1];
        double total = Spectra.integrate(x, y, lo, hi);
        double baseline = 0.5 * (y[first] + y[last]) * (x[last] - x[first]);
        return total - baseline;
    }

    /**
     * The band integral of every spectrum of a map as an image (row 0 = the map's first row). Map
     * positions give the image size when known; otherwise each pixel counts as 1 m.
     */
    public static Image map(SpectrumMap map, double lo, double hi) {
        double[] x = map.x().values();
        int p = map.points();
        int[] order = Spectra.ascending(x, lo, hi);
        int n = map.nx() * map.ny();
        double[] z = new double[n];
        float[] v = map.intensities();
        for (int s = 0; s < n; s++) {
            int base = s * p;
            if (order.length < 2) {
                z[s] = Double.NaN;
                continue;
            }
            double sum = 0;
            boolean any = false;
            for (int k = 1; k < order.length; k++) {
                int i = order[k - 1];
                int j = order[k];
                double a = v[base + i];
                double b = v[base + j];
                if (!Double.isNaN(a) && !Double.isNaN(b)) {
                    sum += 0.5 * (a + b) * (x[j] - x[i]);
                    any = true;
                }
            }
            int first = order[0];
            int last = order[order.length - 1];
            z[s] = any ? sum - 0.5 * (v[base + first] + v[base + last]) * (x[last] - x[first]) : Double.NaN;
        }
        double width = extent(map.positionX(), map.nx());
        double height = extent(map.positionY(), map.ny());
        String name = String.format(Locale.ROOT, "band %.0f–%.0f %s", Math.min(lo, hi), Math.max(lo, hi),
                map.x().unit());
        return new Image(map.nx(), map.ny(), width, height, 0, 0, List.of(new Channel(name, "band integral",
                map.yUnit() + "·" + map.x().unit(), z)));
    }

    /**
     * The band integral of every spectrum of a map placed by the stage positions of its spectra (m):
     * an image in the frame of the onset map and the topography, row 0 at the top (largest y), x
     * growing along a row, whatever order the instrument scanned in. Pixels are centred on the
     * positions; a one-row or one-column map takes the other direction's step.
     *
     * @throws IllegalArgumentException when the band is empty or reversed, when the file gives its
     *                                  spectra no positions, or when they do not span an area
     */
    public static Image stageImage(SpectrumMap map, double lo, double hi) {
        if (!(hi > lo)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the band must run from a lower to a higher value, got %g … %g", lo, hi));
        }
        int nx = map.nx();
        int ny = map.ny();
        double[] px = map.positionX();
        double[] py = map.positionY();
        double xFirst = px[0];
        double xLast = px[nx - 1];
        double yFirst = py[0];
        double yLast = py[(ny - 1) * nx];
        if (!Double.isFinite(xFirst) || !Double.isFinite(xLast) || !Double.isFinite(yFirst) || !Double.isFinite(yLast)) {
            throw new IllegalArgumentException("the file gives its spectra no stage positions, so it cannot be placed "
                    + "over a map");
        }
        double dx = nx > 1 ? Math.abs(xLast - xFirst) / (nx - 1) : Double.NaN;
        double dy = ny > 1 ? Math.abs(yLast - yFirst) / (ny - 1) : Double.NaN;
        if (Double.isNaN(dx)) {
            dx = dy;
        }
        if (Double.isNaN(dy)) {
            dy = dx;
        }
        if (!(dx > 0) || !(dy > 0)) {
            throw new IllegalArgumentException("the positions of its " + nx + " × " + ny
                    + " spectra do not span an area (step x " + dx + " m, y " + dy + " m)");
        }
        Image band = map(map, lo, hi);
        double[] z = band.channels().get(0).z();
        boolean flipX = xLast < xFirst;
        boolean topFirst = yLast < yFirst; // the first row of spectra is the top one
        double[] placed = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            int row = topFirst ? j : ny - 1 - j;
            for (int i = 0; i < nx; i++) {
                int col = flipX ? nx - 1 - i : i;
                placed[row * nx + col] = z[j * nx + i];
            }
        }
        Channel c = band.channels().get(0);
        return new Image(nx, ny, nx * dx, ny * dy, Math.min(xFirst, xLast) - dx / 2, Math.max(yFirst, yLast) + dy / 2,
                List.of(new Channel(c.name(), c.quantity(), c.unit(), placed)));
    }

    /** Span of the positions plus one step (pixel centres to edges), or the count when unknown. */
    private static double extent(double[] positions, int count) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : positions) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > min) || count < 2) {
            return count;
        }
        return (max - min) * count / (count - 1);
    }
}
