package org.onset.analysis.paper.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.analysis.particles.Transference;

import com.google.gson.JsonObject;

/**
 * The paper's figures from the simulator's data, against the numbers of PHYSICS.md and issue 10:
 * transference slope 1.0 ± 0.1; compliance particles ≥ 10× smaller in median volume and narrower;
 * phases from the data agree with the ground truth on ≥ 90 % of pixels; no nucleation on AlPO4;
 * the boundary band nucleates at a less negative bias than the matrix with p < 0.01. The three
 * experiments run once for all tests (≈ 40 s).
 */
class PaperFiguresTest {

    @TempDir
    Path dir;

    private static PaperFigures.SweepArray uncontrolled;
    private static PaperFigures.SweepArray compliance;
    private static PaperFigures.OnsetMap map;

    private static synchronized void simulate() {
        if (uncontrolled == null) {
            uncontrolled = PaperFigures.uncontrolledArray();
            compliance = PaperFigures.complianceArray();
            map = PaperFigures.onsetMap(2);
        }
    }

    @Test
    void fig1bTransferenceNumberIsOneFromTheParticleAnalysis() {
        simulate();
        var shift = uncontrolled.difference().shift();
        assertEquals(-PaperFigures.DRIFT_X, shift.xMetres(), 20e-9, "drift found by the registration");
        assertEquals(-PaperFigures.DRIFT_Y, shift.yMetres(), 20e-9);
        Transference.SlopeFit fit = Transference.fit(uncontrolled.points());
        double[] v = uncontrolled.volumes();
        System.out.printf("Fig. 1b: %d particles, %d with ramps; median volume %.3g nm³; slope %.3f, 95 %% [%.3f, %.3f]; "
                + "registration (%.1f, %.1f) nm for (−37, 21) nm%n", v.length, uncontrolled.points().size(),
                PaperFigures.median(v) * 1e27, fit.slope(), fit.low(), fit.high(), shift.xMetres() * 1e9,
                shift.yMetres() * 1e9);
        assertTrue(uncontrolled.points().size() >= 80, "most sweeps grew a particle: " + uncontrolled.points().size());
        assertEquals(1.0, fit.slope(), 0.1, "transference number (PHYSICS.md: t_Li = 1)");
        assertEquals(1.6e-20, PaperFigures.median(v), 1.0e-20, "µm particles, V ≈ 1.6e7 nm³ (PHYSICS.md)");
    }

    @Test
    void fig1deComplianceParticlesAreAnOrderOfMagnitudeSmallerAndNarrower() {
        simulate();
        double[] u = uncontrolled.volumes();
        double[] c = compliance.volumes();
        double ratio = PaperFigures.median(u) / PaperFigures.median(c);
        double iqrU = PaperFigures.quantile(u, 0.75) - PaperFigures.quantile(u, 0.25);
        double iqrC = PaperFigures.quantile(c, 0.75) - PaperFigures.quantile(c, 0.25);
        System.out.printf("Fig. 1d–e: median %.3g vs %.3g nm³ (ratio %.0f), IQR %.3g vs %.3g nm³%n",
                PaperFigures.median(u) * 1e27, PaperFigures.median(c) * 1e27, ratio, iqrU * 1e27, iqrC * 1e27);
        assertTrue(c.length >= 80, "compliance particles: " + c.length);
        assertTrue(ratio >= 10, "at least 10x smaller in median volume: " + ratio);
        assertTrue(iqrC * 10 < iqrU, "narrower: IQR " + iqrC + " vs " + iqrU + " m³");
    }

    @Test
    void figs4and5PhasesFromTheOnsetMapAndOnsetNextToAlpo4() {
        simulate();
        System.out.printf("Figs. 4–5: agreement %.1f %%, AlPO4 truth %d (nucleated %d), found %d (nucleated %d); "
                + "band %.3f V, matrix %.3f V, U %.0f, p %.2g%n", 100 * map.agreement(), map.truthAlpo4(),
                map.truthAlpo4Nucleated(), map.foundAlpo4(), map.foundAlpo4Nucleated(), map.medianBand(),
                map.medianMatrix(), map.test().u(), map.test().p());
        assertTrue(map.agreement() >= 0.90, "phases from the data agree with the ground truth: " + map.agreement());
        assertTrue(map.truthAlpo4() > 100 && map.foundAlpo4() > 100);
        assertEquals(0, map.truthAlpo4Nucleated(), "no nucleation on AlPO4 (ground truth)");
        assertEquals(0, map.foundAlpo4Nucleated(), "no nucleation on the AlPO4 found");
        assertTrue(map.medianBand() > map.medianMatrix(), "next to AlPO4 the onset is less negative");
        assertTrue(map.test().p() < 0.01, "p = " + map.test().p());
        assertTrue(map.bins().get(0).median() > map.bins().get(map.bins().size() - 1).median());
    }

    @Test
    void theCommandWritesEveryFigureAndMeetsEveryTarget() throws Exception {
        simulate();
        JsonObject report = FiguresCommand.write(dir, uncontrolled, compliance, map);
        assertTrue(report.get("all_met").getAsBoolean(), report.toString());
        assertEquals(4, report.getAsJsonArray("checks").size());
        for (var f : report.getAsJsonArray("figures")) {
            String png = f.getAsString();
            assertTrue(Files.size(dir.resolve(png)) > 1000, png);
            assertTrue(Files.size(dir.resolve(png.replace(".png", ".svg"))) > 1000, png);
        }
        assertTrue(Files.exists(dir.resolve("figures.json")));
    }
}
