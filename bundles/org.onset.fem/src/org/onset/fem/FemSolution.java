package org.onset.fem;

import java.nio.file.Path;
import java.util.List;

/**
 * What one solve gives back: |E| at the probe depths, the potential and field along the tip axis,
 * the potential on the xz plane through the tip axis, and what the solve cost.
 *
 * @param model  the model solved (with its dx)
 * @param probes |E| on the tip axis at the model's probe depths
 * @param axis   potential and field along the tip axis through the slab
 * @param plane  potential on the plane y = 0
 * @param stats  mesh size, times and memory
 * @param workDir the directory holding the .geo, .pro, mesh and solver log of this case
 */
public record FemSolution(FemModel model, List<FieldProbe> probes, AxisProfile axis, PlaneField plane,
        SolveStats stats, Path workDir) {

    /**
     * Half-width of the difference stencil for |E| at a probe, nm. First-order elements give a
     * field that is constant in each tetrahedron and jumps between them, so a point value depends on
     * which element the point falls in; the difference of the continuous potential over a few nm
     * averages the neighbours and varies far less with the mesh.
     */
    public static final double STENCIL_NM = 4.0;

    public FemSolution {
        probes = List.copyOf(probes);
    }

    /** The probe at that depth (nm). */
    public FieldProbe probe(double depthNm) {
        return probes.stream().filter(p -> Math.abs(p.depthNm() - depthNm) < 1e-9).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no probe at depth " + depthNm + " nm; probes at "
                        + probes.stream().map(FieldProbe::depthNm).toList() + " nm"));
    }

    /**
     * Along the tip axis (x = y = 0) from just below the apex to the slab bottom.
     *
     * @param zNm        z, nm (negative: below the surface)
     * @param potentialV potential, V
     * @param eVPerNm    |E| of the element holding the point, V/nm
     */
    public record AxisProfile(double[] zNm, double[] potentialV, double[] eVPerNm) {
    }

    /**
     * The potential on a regular grid of the plane y = 0; NaN inside the tip (no mesh there: it is at
     * the bias).
     *
     * @param xNm        grid x values, nm
     * @param zNm        grid z values, nm
     * @param potentialV [iz][ix] potential, V
     */
    public record PlaneField(double[] xNm, double[] zNm, double[][] potentialV) {
    }

    /**
     * @param nodes          mesh nodes
     * @param tetrahedra     volume elements
     * @param meshSeconds    wall time of gmsh
     * @param solveSeconds   wall time of getdp (assembly, solve and post-processing)
     * @param peakMemoryMiB  the larger of the two programs' peak resident memory, MiB (-1: unknown)
     */
    public record SolveStats(int nodes, int tetrahedra, double meshSeconds, double solveSeconds, double peakMemoryMiB) {
    }
}
