package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.onset.instrument.sim.engine.MapSimulation;
import org.onset.instrument.sim.engine.Particle;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/**
 * The topography after a height-controlled map (cutoff ΔZ = 8 nm, τ_L = 20 ms): the paper's
 * particles are small and uniform, so the surface after the map rises by about the ΔZ at abort
 * (8 nm cutoff + 2–4 nm overshoot, PHYSICS.md), not by the hundreds of nm that summing the
 * overlapping caps (~60 per point on a 20 nm grid) would give.
 */
class TopographyAfterMapTest {

    @Test
    void heightControlledMapLeavesParticlesAboutAsHighAsTheCutoff() {
        SimSettings s = SimSettings.defaults();
        SimulatedSample sample = SimulatedSample.generate(s);
        PixelSimulator sim = new PixelSimulator(s, sample);
        MapSimulation.Grid grid = MapSimulation.Grid.centred(sample, 20, 20e-9);
        MapSimulation.Result map = MapSimulation.run(sim, grid, Fixtures.heightCompliance(),
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), true);

        List<Particle> particles = sample.particles();
        assertTrue(particles.size() > grid.size() / 2, particles.size() + " particles on " + grid.size() + " pixels");
        double[] heights = particles.stream().mapToDouble(Particle::height).sorted().toArray();
        double medianParticle = heights[heights.length / 2];
        double tallest = heights[heights.length - 1];
        assertEquals(10.5e-9, medianParticle, 2.5e-9, "ΔZ at abort: 8 nm cutoff plus the overshoot");

        double[] deposit = new double[grid.size()];
        for (int k = 0; k < grid.size(); k++) {
            double x = grid.x(k);
            double y = grid.y(k);
            deposit[k] = sample.contactHeightAt(x, y) - sample.bareTopographyAt(x, y);
            assertTrue(deposit[k] <= tallest + 1e-15, "deposit " + deposit[k] + " m above the tallest particle");
            if (map.runs().get(k).nucleated()) {
                // at least its own cap, whose apex is right here
                assertTrue(deposit[k] >= map.runs().get(k).particleHeight() - 1e-15, "pixel " + k);
            }
        }
        Arrays.sort(deposit);
        double medianDeposit = deposit[deposit.length / 2];
        System.out.printf("20x20 height-controlled map: particle height median %.2f nm, max %.2f nm; "
                + "deposit at the pixels median %.2f nm, max %.2f nm%n", medianParticle * 1e9, tallest * 1e9,
                medianDeposit * 1e9, deposit[deposit.length - 1] * 1e9);
        assertTrue(medianDeposit >= medianParticle && medianDeposit <= tallest,
                "the surface under the map is covered by caps about one particle high: " + medianDeposit + " m");
        assertTrue(deposit[deposit.length - 1] < 20e-9, "no pile-up: " + deposit[deposit.length - 1] + " m");
    }
}
