package org.onset.fem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.analysis.PhaseMap;
import org.onset.fem.FemModel;
import org.onset.fem.FieldMap;
import org.onset.fem.MapInclusions;
import org.onset.map.api.Grid;

/** A multi-inclusion model from a phase map, and |E| under the tip across it with the real solvers. */
class MapModelTest {

    /** 80 × 60 pixels of 20 nm (1.6 × 1.2 µm) with AlPO4 disks of 150 nm at (500, 600) nm and 90 nm at (1200, 500) nm. */
    static PhaseMap twoGrains() {
        Grid g = new Grid(80, 60, 0, 0, 20e-9, 20e-9);
        String[] regions = new String[g.pixelCount()];
        for (int k = 0; k < regions.length; k++) {
            double x = g.x(g.i(k)) * 1e9;
            double y = g.y(g.j(k)) * 1e9;
            boolean a = Math.hypot(x - 500, y - 600) <= 150;
            boolean b = Math.hypot(x - 1200, y - 500) <= 90;
            regions[k] = a || b ? PhaseMap.ALPO4 : PhaseMap.MATRIX;
        }
        return new PhaseMap(g, regions, "disks drawn by the test", "MapModelTest");
    }

    @Test
    void patchesBecomeInclusionsOfTheSameAreaAtTheirCentroids() {
        List<FemModel.Inclusion> incs = MapInclusions.fromPhaseMap(twoGrains(), PhaseMap.ALPO4, 3, 5.1,
                FemModel.Shape.HEMISPHERE, 0);
        assertEquals(2, incs.size(), incs.toString());
        FemModel.Inclusion a = incs.stream().filter(i -> i.xNm() < 800).findFirst().orElseThrow();
        FemModel.Inclusion b = incs.stream().filter(i -> i.xNm() > 800).findFirst().orElseThrow();
        assertEquals(500, a.xNm(), 10);
        assertEquals(600, a.yNm(), 10);
        assertEquals(150, a.radiusNm(), 150 * 0.05);
        assertEquals(1200, b.xNm(), 10);
        assertEquals(90, b.radiusNm(), 90 * 0.05);
    }

    @Test
    void nearlyTouchingPatchesAreShrunkApart() {
        Grid g = new Grid(40, 20, 0, 0, 10e-9, 10e-9);
        String[] regions = new String[g.pixelCount()];
        for (int k = 0; k < regions.length; k++) {
            int i = g.i(k);
            // two squares of 10 x 10 pixels, one pixel column apart: equal-area disks would overlap
            regions[k] = (i >= 5 && i < 15 || i >= 16 && i < 26) && g.j(k) >= 5 && g.j(k) < 15 ? PhaseMap.ALPO4 : null;
        }
        List<FemModel.Inclusion> incs = MapInclusions.fromPhaseMap(new PhaseMap(g, regions, "squares", "test"),
                PhaseMap.ALPO4, 1, 5.1, FemModel.Shape.HEMISPHERE, 0);
        assertEquals(2, incs.size());
        double d = Math.hypot(incs.get(0).xNm() - incs.get(1).xNm(), incs.get(0).yNm() - incs.get(1).yNm());
        assertTrue(incs.get(0).radiusNm() + incs.get(1).radiusNm() <= d - MapInclusions.MIN_GAP_NM + 1e-9);
    }

    @Test
    void theFieldUnderTheTipIsHigherOverAlpo4(@TempDir Path dir) throws Exception {
        List<FemModel.Inclusion> incs = MapInclusions.fromPhaseMap(twoGrains(), PhaseMap.ALPO4, 3, 5.1,
                FemModel.Shape.HEMISPHERE, 0);
        // a coarse mesh and a smaller window: the map's shape is under test, not the last digit
        FemModel f = Fig6.model();
        FemModel template = new FemModel("map", new FemModel.Slab(800, 800, 400, 35), List.of(), f.tip(), 1, 0, 900,
                new FemModel.MeshSizes(120, 3, 30), List.of(50.0));
        // tip over the big grain's centre and over bare matrix 400 nm left of it
        FieldMap map = new GmshGetDpSolver().fieldMap(template, incs, new double[] { 500, 1000 }, new double[] { 600 }, 50,
                2, dir, m -> { });
        double overGrain = map.eVPerNm()[0][0];
        double overMatrix = map.eVPerNm()[0][1];
        System.out.printf("fem field map 50 nm deep: over AlPO4 %.5f V/nm, over matrix %.5f V/nm%n", overGrain, overMatrix);
        assertTrue(overGrain > 1.2 * overMatrix, "field expelled into the lower-ε AlPO4: " + overGrain + " vs " + overMatrix);
        assertEquals(1, MapInclusions.around(template, incs, 500, 600).inclusions().size(),
                "only the grain inside the 800 nm window is modelled");
    }
}
