package org.onset.analysis.phases;

import java.util.ArrayDeque;
import java.util.Arrays;

import org.onset.analysis.PhaseMap;
import org.onset.map.api.Grid;

/**
 * Finds AlPO4 in an onset map: no Li⁺ in AlPO4, so no nucleation there at any bias. AlPO4 is the
 * union of the 4-connected clusters of pixels whose ramp ran to its end without nucleating and
 * that cover at least {@code minimumArea}; single never-nucleating pixels in the matrix (a high
 * local overpotential, ~1–2 % of matrix pixels to −4.2 V) are too small to count. LICGC within
 * {@code boundaryBand} of the AlPO4 found is "boundary", the rest "matrix"; pixels not measured
 * (or ended by a fault) stay unclassified, except that they do not break up a cluster.
 *
 * @param minimumArea  smallest cluster that counts as an AlPO4 grain, m² (the paper's grains are 100–300 nm)
 * @param boundaryBand LICGC closer than this to AlPO4 is the boundary region, m
 */
public record NeverNucleatingClusters(double minimumArea, double boundaryBand) {

    /** Clusters of at least π·(30 nm)² (grains are ≥ 100 nm across), boundary band 25 nm. */
    public static NeverNucleatingClusters defaults() {
        return new NeverNucleatingClusters(Math.PI * 30e-9 * 30e-9, 25e-9);
    }

    public static final String DEFINITION_FORMAT = "alpo4: clusters of pixels that never nucleated (ramp completed "
            + "without a cutoff), at least %.0f nm² each; boundary: LICGC within %.0f nm of that AlPO4; matrix: the rest "
            + "(found from the onset map)";

    /**
     * @param measured  per pixel (storage index), whether a ramp ran there and ended normally (completed or cut off)
     * @param nucleated per pixel, whether it nucleated (a rule fired)
     * @return per pixel true where AlPO4 was found
     */
    public boolean[] alpo4(Grid grid, boolean[] measured, boolean[] nucleated) {
        int n = grid.pixelCount();
        if (measured.length != n || nucleated.length != n) {
            throw new IllegalArgumentException("a " + grid.nx() + " x " + grid.ny() + " map needs " + n
                    + " values per pixel, got " + measured.length + " and " + nucleated.length);
        }
        double pixelArea = Math.abs(grid.dx() * grid.dy());
        int minimumPixels = Math.max(1, (int) Math.ceil(minimumArea / pixelArea));
        boolean[] never = new boolean[n];
        for (int k = 0; k < n; k++) {
            never[k] = measured[k] && !nucleated[k];
        }
        boolean[] out = new boolean[n];
        int[] cluster = new int[n];
        Arrays.fill(cluster, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int[] members = new int[n];
        int id = 0;
        for (int start = 0; start < n; start++) {
            if (!never[start] || cluster[start] >= 0) {
                continue;
            }
            int size = 0;
            queue.add(start);
            cluster[start] = id;
            while (!queue.isEmpty()) {
                int p = queue.poll();
                members[size++] = p;
                int i = p % grid.nx();
                int j = p / grid.nx();
                int[][] next = { { i - 1, j }, { i + 1, j }, { i, j - 1 }, { i, j + 1 } };
                for (int[] q : next) {
                    if (q[0] < 0 || q[1] < 0 || q[0] >= grid.nx() || q[1] >= grid.ny()) {
                        continue;
                    }
                    int k = q[1] * grid.nx() + q[0];
                    if (never[k] && cluster[k] < 0) {
                        cluster[k] = id;
                        queue.add(k);
                    }
                }
            }
            if (size >= minimumPixels) {
                for (int m = 0; m < size; m++) {
                    out[members[m]] = true;
                }
            }
            id++;
        }
        return out;
    }

    /** The phase map: AlPO4 found, the boundary band around it, the matrix; null where not measured. */
    public PhaseMap phaseMap(Grid grid, boolean[] measured, boolean[] nucleated, String source) {
        boolean[] alpo4 = alpo4(grid, measured, nucleated);
        double[] distance = BoundaryDistance.toAlpo4(grid, alpo4);
        String[] regions = new String[grid.pixelCount()];
        for (int k = 0; k < regions.length; k++) {
            if (alpo4[k]) {
                regions[k] = PhaseMap.ALPO4;
            } else if (measured[k]) {
                regions[k] = distance[k] <= boundaryBand ? PhaseMap.BOUNDARY : PhaseMap.MATRIX;
            }
        }
        return new PhaseMap(grid, regions, String.format(java.util.Locale.ROOT, DEFINITION_FORMAT,
                minimumArea * 1e18, boundaryBand * 1e9), source);
    }
}
