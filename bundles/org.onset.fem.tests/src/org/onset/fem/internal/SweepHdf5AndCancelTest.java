package org.onset.fem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.fem.FemModel;
import org.onset.fem.FemSolution;
import org.onset.fem.FieldProbe;
import org.onset.fem.SweepHdf5;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Reader;

class SweepHdf5AndCancelTest {

    /** Two cases of three depths, values chosen so that every cell differs. */
    private static List<FemSolution> sweep() throws Exception {
        FemModel m = Fig6.model();
        List<FemSolution> out = new ArrayList<>();
        double[] dxs = { 0, 160 };
        for (int k = 0; k < dxs.length; k++) {
            FemModel c = m.withDx(dxs[k]);
            List<FieldProbe> probes = new ArrayList<>();
            for (double d : c.probeDepthsNm()) {
                probes.add(new FieldProbe(dxs[k], d, 0.01 * (k + 1) + d * 1e-5, 0.5 - d * 1e-3 - k * 1e-4));
            }
            double[][] pot = { { 0.1, Double.NaN, 0.3 }, { 0.4, 0.5, 0.6 } };
            out.add(new FemSolution(c, probes, new FemSolution.AxisProfile(new double[0], new double[0], new double[0]),
                    new FemSolution.PlaneField(new double[] { -10, 0, 10 }, new double[] { -5, 5 }, pot),
                    new FemSolution.SolveStats(1000 + k, 5000 + k, 1.5, 0.5, 100), Path.of("dx_" + k)));
        }
        return out;
    }

    @Test
    void aSweepReadsBackFromHdf5(@TempDir Path dir) throws Exception {
        List<FemSolution> sols = sweep();
        Path file = dir.resolve("sweep.h5");
        SweepHdf5.write(sols, file);
        List<FieldProbe> back = SweepHdf5.read(file);
        List<FieldProbe> expected = new ArrayList<>();
        sols.forEach(s -> expected.addAll(s.probes()));
        assertEquals(expected, back);
        try (IHDF5Reader r = HDF5Factory.openForReading(file.toFile())) {
            assertEquals("V/nm", r.string().getAttr("/E_V_per_nm", "units"));
            assertEquals(1001, r.int32().getAttr("/cases/dx_1", "nodes"));
            double[][] plane = r.float64().readMatrix("/cases/dx_0/plane_potential_V");
            assertEquals(0.6, plane[1][2]);
            assertTrue(Double.isNaN(plane[0][1]), "no value inside the tip stays NaN");
            assertTrue(r.string().getAttr("/", "model").contains("\"apex_radius_nm\""));
        }
        assertEquals(List.of(file), listH5(dir), "no temporary file is left beside the sweep file");
        assertThrows(java.io.IOException.class, () -> SweepHdf5.read(dir.resolve("missing.h5")));
    }

    private static List<Path> listH5(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** Interrupting a sweep (Cancel in the workbench) kills gmsh and getdp before the sweep returns. */
    @Test
    void anInterruptedSweepLeavesNoSolverRunning(@TempDir Path dir) throws Exception {
        GmshGetDpSolver solver = new GmshGetDpSolver();
        solver.checkInstalled();
        CountDownLatch meshing = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                solver.sweep(Fig6.model(), new double[] { 0, 160, 400 }, 2, dir, m -> {
                    if (m.contains("meshing")) {
                        meshing.countDown();
                    }
                });
                outcome.set(new AssertionError("the sweep finished although interrupted"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        assertTrue(meshing.await(60, TimeUnit.SECONDS), "gmsh never started");
        Thread.sleep(300);
        assertTrue(ProcessHandle.current().descendants().anyMatch(p -> p.info().command().orElse("").contains("gmsh")),
                "gmsh runs before the interrupt");
        long t0 = System.nanoTime();
        t.interrupt();
        t.join(30_000);
        double stopSeconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(!t.isAlive(), "the sweep did not return within 30 s of the interrupt");
        assertTrue(outcome.get() instanceof InterruptedException, "outcome " + outcome.get());
        List<String> left = ProcessHandle.current().descendants().map(p -> p.pid() + " " + p.info().command().orElse("?"))
                .filter(s -> s.contains("gmsh") || s.contains("getdp")).toList();
        assertEquals(List.of(), left, "solver processes left after the sweep returned");
        System.out.printf(java.util.Locale.ROOT, "fem cancel: sweep returned %.2f s after the interrupt, no gmsh/getdp left%n",
                stopSeconds);
    }
}
