package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.onset.instrument.sim.engine.MapSimulation;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/**
 * What a topography scan records over Li deposits: the bare surface plus the caps, grey-dilated by
 * the 30 nm tip, so a small particle looks tip-wide and the surface after a map is the surface
 * before it plus a layer of about one particle height (the paper's Fig. 4b: swelling of ~10 nm,
 * microstructure still recognisable).
 */
class TipDilatedDepositTest {

    @Test
    void aSmallParticleLooksAsWideAsTheTip() {
        SimulatedSample s = SimulatedSample.generate(Fixtures.uniform().with("sampleSeed", 5));
        double x = 1e-6;
        double y = 1e-6;
        double before10 = s.topographyAt(x + 10e-9, y);
        double beforeFar = s.topographyAt(x + 40e-9, y);
        // a 5 nm hemisphere: the 30 nm tip touches it with its flank 10 nm to the side, where the
        // bare cap is already over, its apex about sqrt(35² − 10²) − 30 = 3.5 nm above the surface
        s.addParticle(x, y, 5e-9, 5e-9);
        double raised = s.topographyAt(x + 10e-9, y) - before10;
        assertEquals(3.5e-9, raised, 1.0e-9, "tip flank on the particle, 10 nm off its centre");
        assertEquals(0, s.contactHeightAt(x + 10e-9, y) - s.bareTopographyAt(x + 10e-9, y), 1e-15,
                "under the apex alone nothing is there");
        assertEquals(beforeFar, s.topographyAt(x + 40e-9, y), 0,
                "beyond particle radius + tip radius the scan is unchanged, bit for bit");
        assertEquals(5e-9, s.topographyAt(x, y) - s.bareTopographyAt(x, y), 0.6e-9, "apex height");
    }

    @Test
    void afterImageIsTheBeforeImagePlusAboutOneParticleHeight() {
        SimSettings settings = SimSettings.defaults();
        SimulatedSample sample = SimulatedSample.generate(settings);
        PixelSimulator sim = new PixelSimulator(settings, sample);
        MapSimulation.Grid grid = MapSimulation.Grid.centred(sample, 24, 20e-9);
        double[] before = new double[grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            before[k] = sample.topographyAt(grid.x(k), grid.y(k));
        }
        MapSimulation.run(sim, grid, Fixtures.heightCompliance(), 2, true);
        double[] after = new double[grid.size()];
        double[] swelling = new double[grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            after[k] = sample.topographyAt(grid.x(k), grid.y(k));
            swelling[k] = after[k] - before[k];
        }
        double[] sorted = swelling.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double p95 = sorted[(int) (0.95 * (sorted.length - 1))];
        double correlation = correlation(before, after);
        System.out.printf("24x24 height-controlled map: swelling median %.2f nm, p95 %.2f nm, max %.2f nm; "
                + "correlation of after with before %.3f%n", median * 1e9, p95 * 1e9, sorted[sorted.length - 1] * 1e9,
                correlation);
        assertTrue(median > 8e-9 && median < 20e-9, "Fig. 4b: swelling ~10-20 nm, got median " + median + " m");
        assertTrue(sorted[sorted.length - 1] < 25e-9, "no pile-up: " + sorted[sorted.length - 1] + " m");
        assertTrue(correlation > 0.3, "the microstructure is still recognisable: correlation " + correlation);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < a.length; k++) {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
