package org.onset.analysis.phases;

import org.onset.map.api.Grid;

/**
 * Distance of every pixel to the nearest AlPO4 boundary. The boundary between an AlPO4 pixel and
 * an LICGC pixel lies half-way between their centres, so a pixel's distance is the distance to the
 * nearest centre of the other phase minus half a pixel: positive in LICGC, negative inside AlPO4,
 * +∞ on a map without AlPO4 (and −∞ on one that is all AlPO4).
 */
public final class BoundaryDistance {

    private BoundaryDistance() {
    }

    /** Per pixel (storage index), the signed distance to the nearest AlPO4 boundary, m. */
    public static double[] toAlpo4(Grid grid, boolean[] alpo4) {
        int n = grid.pixelCount();
        if (alpo4.length != n) {
            throw new IllegalArgumentException("a " + grid.nx() + " x " + grid.ny() + " map needs " + n
                    + " AlPO4 flags, got " + alpo4.length);
        }
        // exact, brute force over the pixels of the other phase lying on a phase boundary
        int[] edge = new int[n];
        int edges = 0;
        for (int k = 0; k < n; k++) {
            int i = k % grid.nx();
            int j = k / grid.nx();
            if ((i > 0 && alpo4[k - 1] != alpo4[k]) || (i < grid.nx() - 1 && alpo4[k + 1] != alpo4[k])
                    || (j > 0 && alpo4[k - grid.nx()] != alpo4[k]) || (j < grid.ny() - 1 && alpo4[k + grid.nx()] != alpo4[k])) {
                edge[edges++] = k;
            }
        }
        double half = 0.5 * Math.min(Math.abs(grid.dx()), Math.abs(grid.dy()));
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double best = Double.POSITIVE_INFINITY;
            double x = (k % grid.nx()) * grid.dx();
            double y = (k / grid.nx()) * grid.dy();
            for (int e = 0; e < edges; e++) {
                int q = edge[e];
                if (alpo4[q] == alpo4[k]) {
                    continue;
                }
                double dx = (q % grid.nx()) * grid.dx() - x;
                double dy = (q / grid.nx()) * grid.dy() - y;
                best = Math.min(best, dx * dx + dy * dy);
            }
            double d = Double.isInfinite(best) ? Double.POSITIVE_INFINITY : Math.sqrt(best) - half;
            out[k] = alpo4[k] ? -d : d;
        }
        return out;
    }
}
