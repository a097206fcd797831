package org.onset.fem;

import java.util.ArrayList;
import java.util.List;

import org.onset.analysis.PhaseMap;
import org.onset.map.api.Grid;

/**
 * Inclusions of a model from a measured map: each connected patch of one region of a
 * {@link PhaseMap} (4-neighbour connectivity; the paper's AlPO4 grains by default) becomes an
 * inclusion at the patch's centroid with the radius of a disk of the same area. Equal-area disks of
 * two patches that nearly touch can overlap; both are then shrunk in proportion until they are
 * {@value #MIN_GAP_NM} nm apart, so the model stays valid.
 */
public final class MapInclusions {

    /** Smallest gap left between two inclusions made from neighbouring patches, nm. */
    public static final double MIN_GAP_NM = 2;

    private MapInclusions() {
    }

    /**
     * @param map          the phase map (grid in metres)
     * @param region       the region whose patches become inclusions, e.g. {@link PhaseMap#ALPO4}
     * @param minPixels    patches with fewer pixels are ignored (noise)
     * @param permittivity relative permittivity of the inclusions
     * @param shape        their shape
     * @param heightNm     for cylinders their height, nm (ignored for hemispheres)
     * @return inclusions in nm, in the map's frame (x, y of the pixel centres × 1e9)
     */
    public static List<FemModel.Inclusion> fromPhaseMap(PhaseMap map, String region, int minPixels, double permittivity,
            FemModel.Shape shape, double heightNm) {
        Grid g = map.grid();
        int nx = g.nx();
        int ny = g.ny();
        boolean[] in = new boolean[nx * ny];
        for (int k = 0; k < in.length; k++) {
            in[k] = region.equals(map.region(k));
        }
        int[] label = new int[nx * ny];
        double pixelAreaNm2 = Math.abs(g.dx() * g.dy()) * 1e18;
        List<double[]> patches = new ArrayList<>(); // x, y, radius (nm)
        int[] stack = new int[nx * ny];
        int next = 0;
        for (int start = 0; start < in.length; start++) {
            if (!in[start] || label[start] != 0) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            double sx = 0;
            double sy = 0;
            int count = 0;
            while (top > 0) {
                int k = stack[--top];
                int i = g.i(k);
                int j = g.j(k);
                sx += g.x(i);
                sy += g.y(j);
                count++;
                int[][] nbs = { { i - 1, j }, { i + 1, j }, { i, j - 1 }, { i, j + 1 } };
                for (int[] nb : nbs) {
                    if (nb[0] >= 0 && nb[0] < nx && nb[1] >= 0 && nb[1] < ny) {
                        int q = g.index(nb[0], nb[1]);
                        if (in[q] && label[q] == 0) {
                            label[q] = next;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (count >= minPixels) {
                patches.add(new double[] { sx / count * 1e9, sy / count * 1e9, Math.sqrt(count * pixelAreaNm2 / Math.PI) });
            }
        }
        for (int a = 0; a < patches.size(); a++) {
            for (int b = a + 1; b < patches.size(); b++) {
                double[] p = patches.get(a);
                double[] q = patches.get(b);
                double d = Math.hypot(p[0] - q[0], p[1] - q[1]);
                double room = d - MIN_GAP_NM;
                if (p[2] + q[2] > room) {
                    double f = Math.max(0, room) / (p[2] + q[2]);
                    p[2] *= f;
                    q[2] *= f;
                }
            }
        }
        List<FemModel.Inclusion> out = new ArrayList<>();
        for (double[] p : patches) {
            if (p[2] > 0) {
                out.add(new FemModel.Inclusion(p[0], p[1], p[2], permittivity, shape,
                        shape == FemModel.Shape.CYLINDER ? heightNm : 0));
            }
        }
        return out;
    }

    /**
     * The model of the sample around a tip at (x, y): the template's slab, tip and mesh centred on
     * the tip, holding those of the sample's inclusions that lie wholly inside the slab's footprint
     * (moved into the tip's frame); inclusions cut by the slab's edge are left out, so keep the slab
     * wide compared with the inclusions.
     */
    public static FemModel around(FemModel template, List<FemModel.Inclusion> sample, double tipXNm, double tipYNm) {
        double hw = template.slab().widthNm() / 2;
        double hd = template.slab().depthNm() / 2;
        List<FemModel.Inclusion> local = new ArrayList<>();
        for (FemModel.Inclusion inc : sample) {
            double x = inc.xNm() - tipXNm;
            double y = inc.yNm() - tipYNm;
            if (Math.abs(x) + inc.radiusNm() <= hw && Math.abs(y) + inc.radiusNm() <= hd) {
                local.add(new FemModel.Inclusion(x, y, inc.radiusNm(), inc.permittivity(), inc.shape(), inc.heightNm()));
            }
        }
        return template.withDx(0).withInclusions(local);
    }
}
