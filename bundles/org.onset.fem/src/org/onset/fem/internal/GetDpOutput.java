package org.onset.fem.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.onset.fem.FemModel;
import org.onset.fem.FemSolution;
import org.onset.fem.FieldProbe;

/**
 * Reads the tables that {@link GetDpProblem}'s post-operations write. GetDP's SimpleTable lines
 * are "x y z value" for points (lines may carry extra leading columns for lines and planes: the
 * last four numbers are taken).
 */
final class GetDpOutput {

    private GetDpOutput() {
    }

    /** Rows of (x, y, z, value). */
    static List<double[]> table(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("getdp wrote no " + file.getFileName() + " (see the solver log)");
        }
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 4) {
                throw new IOException(file.getFileName() + ": unexpected line '" + t + "'");
            }
            int o = f.length - 4;
            rows.add(new double[] { Double.parseDouble(f[o]), Double.parseDouble(f[o + 1]), Double.parseDouble(f[o + 2]),
                    Double.parseDouble(f[o + 3]) });
        }
        return rows;
    }

    static List<FieldProbe> probes(FemModel m, Path dir) throws IOException {
        List<double[]> rows = table(dir.resolve(GetDpProblem.PROBES_FILE));
        int per = 7;
        if (rows.size() != per * m.probeDepthsNm().size()) {
            throw new IOException("getdp gave " + rows.size() + " probe values, expected " + per * m.probeDepthsNm().size()
                    + " (is a probe point outside the mesh?)");
        }
        double h = FemSolution.STENCIL_NM;
        List<FieldProbe> probes = new ArrayList<>();
        for (int k = 0; k < m.probeDepthsNm().size(); k++) {
            double[] v = new double[per];
            for (int i = 0; i < per; i++) {
                v[i] = rows.get(k * per + i)[3];
            }
            double ex = (v[1] - v[2]) / (2 * h);
            double ey = (v[3] - v[4]) / (2 * h);
            double ez = (v[5] - v[6]) / (2 * h);
            probes.add(new FieldProbe(m.dxNm(), m.probeDepthsNm().get(k), Math.sqrt(ex * ex + ey * ey + ez * ez), v[0]));
        }
        return probes;
    }

    static FemSolution.AxisProfile axis(Path dir) throws IOException {
        List<double[]> v = table(dir.resolve(GetDpProblem.AXIS_POTENTIAL_FILE));
        List<double[]> e = table(dir.resolve(GetDpProblem.AXIS_FIELD_FILE));
        int n = Math.min(v.size(), e.size());
        double[] z = new double[n];
        double[] pv = new double[n];
        double[] fe = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = v.get(i)[2];
            pv[i] = v.get(i)[3];
            fe[i] = e.get(i)[3];
        }
        return new FemSolution.AxisProfile(z, pv, fe);
    }

    static FemSolution.PlaneField plane(FemModel m, Path dir) throws IOException {
        List<double[]> rows = table(dir.resolve(GetDpProblem.PLANE_FILE));
        int nx = GetDpProblem.PLANE_NX;
        int nz = GetDpProblem.PLANE_NZ;
        double x0 = -m.slab().widthNm() / 2 + 0.5;
        double x1 = m.slab().widthNm() / 2 - 0.5;
        double z0 = -m.slab().thicknessNm() + 0.5;
        double z1 = m.airHeightNm() - 0.5;
        double[] xs = new double[nx];
        double[] zs = new double[nz];
        for (int i = 0; i < nx; i++) {
            xs[i] = x0 + (x1 - x0) * i / (nx - 1);
        }
        for (int j = 0; j < nz; j++) {
            zs[j] = z0 + (z1 - z0) * j / (nz - 1);
        }
        double[][] pot = new double[nz][nx];
        for (double[] row : pot) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        // place each printed point at its nearest grid node: GetDP leaves out points outside the mesh (inside the tip)
        for (double[] r : rows) {
            int i = (int) Math.round((r[0] - x0) / (x1 - x0) * (nx - 1));
            int j = (int) Math.round((r[2] - z0) / (z1 - z0) * (nz - 1));
            // GetDP prints 0 for a point in no element (inside the tip, which is not meshed: it is at the
            // bias); a point inside the tip's shape has no potential of its own either
            if (i >= 0 && i < nx && j >= 0 && j < nz && r[3] != 0 && !insideTip(m.tip(), r[0], r[2])) {
                pot[j][i] = r[3];
            }
        }
        return new FemSolution.PlaneField(xs, zs, pot);
    }

    /** Whether (x, z) in the plane y = 0 lies inside the tip (apex sphere or cone), nm. */
    static boolean insideTip(org.onset.fem.FemModel.Tip t, double x, double z) {
        double dz = z - t.apexCentreZNm();
        if (x * x + dz * dz < t.apexRadiusNm() * t.apexRadiusNm()) {
            return true;
        }
        if (z < t.coneBaseZNm() || z > t.topZNm()) {
            return false;
        }
        double r = t.coneBaseRadiusNm() + (z - t.coneBaseZNm()) * Math.tan(Math.toRadians(t.coneHalfAngleDeg()));
        return Math.abs(x) < r;
    }
}
