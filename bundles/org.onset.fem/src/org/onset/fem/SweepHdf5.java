package org.onset.fem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Reader;
import ch.systemsx.cisd.hdf5.IHDF5Writer;

/**
 * A dx sweep as HDF5 (jhdf5), readable with h5py: the Fig. 6b table as matrices over dx × depth, and
 * each case's potential on the xz plane.
 *
 * <pre>
 * /dx_nm            [ndx]           lateral offsets of the inclusions, nm
 * /depth_nm         [ndepth]        probe depths below the surface on the tip axis, nm
 * /E_V_per_nm       [ndx][ndepth]   |E| there, V/nm (attribute units = "V/nm")
 * /potential_V      [ndx][ndepth]   potential there, V
 * /cases/dx_N/      per case: nodes, tetrahedra, mesh_s, solve_s (attributes), plane_x_nm, plane_z_nm,
 *                   plane_potential_V [nz][nx] (NaN inside the tip)
 * attributes on /   model (the model's JSON at dx of the first case), bias_V, field_estimate
 * </pre>
 */
public final class SweepHdf5 {

    private SweepHdf5() {
    }

    /** Writes the sweep (all cases must share the probe depths); a reader never sees a half-written file. */
    public static void write(List<FemSolution> cases, Path file) throws IOException {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("a sweep file needs at least one case");
        }
        List<Double> depths = cases.get(0).model().probeDepthsNm();
        int nd = depths.size();
        double[] dx = new double[cases.size()];
        double[][] e = new double[cases.size()][nd];
        double[][] v = new double[cases.size()][nd];
        for (int k = 0; k < cases.size(); k++) {
            FemSolution s = cases.get(k);
            dx[k] = s.model().dxNm();
            if (!s.model().probeDepthsNm().equals(depths)) {
                throw new IllegalArgumentException("case dx = " + dx[k] + " nm has probe depths " + s.model().probeDepthsNm()
                        + " nm, the first case " + depths + " nm");
            }
            for (int d = 0; d < nd; d++) {
                FieldProbe p = s.probe(depths.get(d));
                e[k][d] = p.eVPerNm();
                v[k][d] = p.potentialV();
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".sweep-", ".h5.part");
        Files.delete(tmp); // jhdf5 creates the file itself
        try {
            try (IHDF5Writer w = HDF5Factory.open(tmp.toFile())) {
                w.float64().writeArray("/dx_nm", dx);
                w.string().setAttr("/dx_nm", "units", "nm");
                w.float64().writeArray("/depth_nm", depths.stream().mapToDouble(Double::doubleValue).toArray());
                w.string().setAttr("/depth_nm", "units", "nm");
                w.float64().writeMatrix("/E_V_per_nm", e);
                w.string().setAttr("/E_V_per_nm", "units", "V/nm");
                w.string().setAttr("/E_V_per_nm", "dimensions", "dx_nm, depth_nm");
                w.float64().writeMatrix("/potential_V", v);
                w.string().setAttr("/potential_V", "units", "V");
                w.string().setAttr("/", "model", FemModelJson.toJson(cases.get(0).model()));
                w.float64().setAttr("/", "bias_V", cases.get(0).model().biasV());
                w.string().setAttr("/", "field_estimate", "central differences of the potential over ±"
                        + FemSolution.STENCIL_NM + " nm, first-order elements");
                for (int k = 0; k < cases.size(); k++) {
                    FemSolution s = cases.get(k);
                    String g = "/cases/dx_" + k;
                    w.object().createGroup(g);
                    w.float64().setAttr(g, "dx_nm", dx[k]);
                    w.int32().setAttr(g, "nodes", s.stats().nodes());
                    w.int32().setAttr(g, "tetrahedra", s.stats().tetrahedra());
                    w.float64().setAttr(g, "mesh_s", s.stats().meshSeconds());
                    w.float64().setAttr(g, "solve_s", s.stats().solveSeconds());
                    w.float64().writeArray(g + "/plane_x_nm", s.plane().xNm());
                    w.float64().writeArray(g + "/plane_z_nm", s.plane().zNm());
                    w.float64().writeMatrix(g + "/plane_potential_V", s.plane().potentialV());
                    w.string().setAttr(g + "/plane_potential_V", "units", "V");
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (RuntimeException ex) {
            throw new IOException(file + ": cannot write the sweep as HDF5: " + ex.getMessage(), ex);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The Fig. 6b points of a sweep file: one probe per dx and depth, dx outer. */
    public static List<FieldProbe> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        try (IHDF5Reader r = HDF5Factory.openForReading(file.toFile())) {
            double[] dx = r.float64().readArray("/dx_nm");
            double[] depth = r.float64().readArray("/depth_nm");
            double[][] e = r.float64().readMatrix("/E_V_per_nm");
            double[][] v = r.float64().readMatrix("/potential_V");
            List<FieldProbe> out = new ArrayList<>();
            for (int k = 0; k < dx.length; k++) {
                for (int d = 0; d < depth.length; d++) {
                    out.add(new FieldProbe(dx[k], depth[d], e[k][d], v[k][d]));
                }
            }
            return out;
        } catch (RuntimeException ex) {
            throw new IOException(file + ": not a sweep file: " + ex.getMessage(), ex);
        }
    }
}
