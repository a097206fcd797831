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
