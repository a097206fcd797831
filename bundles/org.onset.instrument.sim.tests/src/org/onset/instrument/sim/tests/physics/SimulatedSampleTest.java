package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onset.instrument.sim.engine.Particle;
import org.onset.instrument.sim.engine.Phase;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/** The microstructure of PHYSICS.md: 2 × 2 µm, grains, ~8 % AlPO4, η50 map, topography. */
class SimulatedSampleTest {

    private static final double STEP = 10e-9;
    private static SimulatedSample sample;

    @BeforeAll
    static void generate() {
        sample = SimulatedSample.generate(SimSettings.defaults());
    }

    @Test
    void isDeterministicInTheSeed() {
        SimulatedSample again = SimulatedSample.generate(SimSettings.defaults());
        SimulatedSample other = SimulatedSample.generate(SimSettings.defaults().with("sampleSeed", 12));
        assertEquals(2e-6, sample.width());
        assertEquals(2e-6, sample.height());
        int differ = 0;
        for (int k = 0; k < 200; k++) {
            double x = 37e-9 + k * 9.3e-9;
            double y = 1.9e-6 - k * 8.1e-9;
            assertEquals(sample.eta50At(x, y), again.eta50At(x, y));
            assertEquals(sample.topographyAt(x, y), again.topographyAt(x, y));
            differ += sample.eta50At(x, y) != other.eta50At(x, y) ? 1 : 0;
        }
        assertTrue(differ > 150, "another seed gives another sample");
    }

    @Test
    void grainsAndAlpo4MatchTheRecipe() {
        // mean grain diameter 300 nm over 4 µm² → about 57 grains
        assertEquals(57, sample.grainCount(), 3);
        int n = 0;
        int alpo4 = 0;
        for (double y = 0; y <= 2e-6; y += STEP) {
            for (double x = 0; x <= 2e-6; x += STEP) {
                n++;
                if (sample.phaseAt(x, y) == Phase.ALPO4) {
                    alpo4++;
                    assertEquals(0, sample.distanceToAlpo4(x, y));
                    assertEquals(Double.POSITIVE_INFINITY, sample.eta50At(x, y));
                } else {
                    double eta = sample.eta50At(x, y);
                    assertTrue(eta >= 0.05 && Double.isFinite(eta), "matrix eta50 " + eta);
                }
            }
        }
        assertEquals(0.08, (double) alpo4 / n, 0.01);
        // median radius 90 nm, clipped 50–150 nm: 8 % of 4 µm² is ~10–13 disks
        assertTrue(sample.inclusionCount() >= 7 && sample.inclusionCount() <= 20, "" + sample.inclusionCount());
    }

    @Test
    void eta50IsLowNextToAlpo4AndAtGrainBoundaries() {
        double nearA = 0;
        int nNearA = 0;
        double farAll = 0;
        int nFar = 0;
        double nearB = 0;
        int nNearB = 0;
        for (double y = 0; y <= 2e-6; y += STEP) {
            for (double x = 0; x <= 2e-6; x += STEP) {
                double dA = sample.distanceToAlpo4(x, y);
                double dB = sample.distanceToBoundary(x, y);
                double eta = sample.eta50At(x, y);
                if (dA > 0 && dA < 10e-9) {
                    nearA += eta;
                    nNearA++;
                } else if (dA > 150e-9 && dB > 60e-9) {
                    farAll += eta;
                    nFar++;
                } else if (dA > 150e-9 && dB < 3e-9) {
                    nearB += eta;
                    nNearB++;
                }
            }
        }
        nearA /= nNearA;
        farAll /= nFar;
        nearB /= nNearB;
        // −0.45·e^{−d/25 nm} averages to about −0.37 V within 10 nm; −0.12·e^{−d/10 nm} to −0.1 V within 3 nm
        assertEquals(0.66, farAll, 0.05);
        assertEquals(-0.37, nearA - farAll, 0.08);
        assertEquals(-0.10, nearB - farAll, 0.05);
    }

    @Test
    void eta50NoiseHasTheRequestedSpreadAndCorrelation() {
        SimSettings noiseOnly = SimSettings.defaults().with("alpo4AreaFraction", 0).with("boundaryDrop", 0)
                .with("eta50Floor", 1e-6).with("eta50Matrix", 2.0);
        SimulatedSample s = SimulatedSample.generate(noiseOnly);
        List<double[]> pairs80 = new ArrayList<>();
        List<double[]> pairs400 = new ArrayList<>();
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        for (double y = 0; y < 1.9e-6; y += 20e-9) {
            for (double x = 0; x < 1.5e-6; x += 20e-9) {
                double v = s.eta50At(x, y) - 2.0;
                sum += v;
                sum2 += v * v;
                n++;
                pairs80.add(new double[] { v, s.eta50At(x + 80e-9, y) - 2.0 });
                pairs400.add(new double[] { v, s.eta50At(x + 400e-9, y) - 2.0 });
            }
        }
        double rms = Math.sqrt(sum2 / n - (sum / n) * (sum / n));
        assertEquals(0.22, rms, 0.04);
        // correlation exp(-r²/ℓ²): 1/e = 0.37 at ℓ = 80 nm, ~0 at 400 nm
        assertEquals(0.37, correlation(pairs80), 0.12);
        assertEquals(0.0, correlation(pairs400), 0.12);
    }

    private static double correlation(List<double[]> pairs) {
        double ma = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double mb = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] p : pairs) {
            sab += (p[0] - ma) * (p[1] - mb);
            saa += (p[0] - ma) * (p[0] - ma);
            sbb += (p[1] - mb) * (p[1] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void topographyHasTheDocumentedRoughnessAndAlpo4Relief() {
        double sum = 0;
        double sum2 = 0;
        int n = 0;
        double onA = 0;
        int nA = 0;
        double offA = 0;
        int nOff = 0;
        for (double y = 0; y <= 2e-6; y += STEP) {
            for (double x = 0; x <= 2e-6; x += STEP) {
                double z = sample.topographyAt(x, y);
                sum += z;
                sum2 += z * z;
                n++;
                double dA = sample.distanceToAlpo4(x, y);
                if (sample.phaseAt(x, y) == Phase.ALPO4 && sample.distanceToAlpo4(x + 40e-9, y) == 0
                        && sample.distanceToAlpo4(x - 40e-9, y) == 0) {
                    onA += z;
                    nA++;
                } else if (dA > 100e-9) {
                    offA += z;
                    nOff++;
                }
            }
        }
        double rms = Math.sqrt(sum2 / n - (sum / n) * (sum / n));
        assertEquals(1.7e-9, rms, 0.5e-9, "PHYSICS.md: ≈1.7 nm rms after tip dilation");
        assertEquals(2e-9, onA / nA - offA / nOff, 0.8e-9, "AlPO4 stands ~2 nm proud");
    }

    @Test
    void particlesAddToTheTopographyFromManyThreads() throws Exception {
        SimulatedSample s = SimulatedSample.generate(SimSettings.defaults().with("sampleSeed", 99));
        double x = 1e-6;
        double y = 1e-6;
        double bare = s.contactHeightAt(x, y);
        s.addParticle(x, y, 50e-9, 5e-9);
        assertEquals(bare + 5e-9, s.contactHeightAt(x, y), 1e-15);
        assertEquals(s.bareTopographyAt(x + 60e-9, y), s.contactHeightAt(x + 60e-9, y), 1e-15);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int k = 0; k < 250; k++) {
                    s.addParticle(100e-9 + k * 7e-9, 100e-9 + thread * 400e-9, 20e-9, 2e-9);
                    s.topographyAt(1e-6, 1e-6);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(1001, s.particleCount());
        assertEquals(1001, s.particles().size());
        assertThrows(IllegalArgumentException.class, () -> s.addParticle(x, y, -1e-9, 1e-9));
        assertThrows(IllegalArgumentException.class, () -> s.topographyAt(Double.NaN, y));
        s.clearParticles();
        assertEquals(0, s.particleCount());
        assertNotEquals(0, s.contactHeightAt(x, y));
    }

    @Test
    void overlappingParticlesShowTheirUnionNotTheirSum() {
        SimulatedSample s = SimulatedSample.generate(SimSettings.defaults().with("sampleSeed", 99));
        double x = 1e-6;
        double y = 1e-6;
        s.addParticle(x, y, 90e-9, 9e-9);
        s.addParticle(x + 20e-9, y, 90e-9, 9e-9);
        s.addParticle(x + 40e-9, y, 90e-9, 10e-9);
        List<Particle> ps = s.particles();
        double px = x + 20e-9;
        double highest = 0;
        double sum = 0;
        for (Particle p : ps) {
            highest = Math.max(highest, p.heightAt(px, y));
            sum += p.heightAt(px, y);
        }
        assertEquals(s.bareTopographyAt(px, y) + highest, s.contactHeightAt(px, y), 1e-15);
        assertTrue(sum > 2 * highest, "the three caps do overlap there");
        // the particles keep their own size and volume
        assertEquals(3, ps.size());
        assertEquals(Math.PI / 6 * 10e-9 * (3 * 90e-9 * 90e-9 + 10e-9 * 10e-9), ps.get(2).volume(), 1e-30);

        // caps of a 20 nm map: 90 nm base radius, 9 nm high, one per pixel; each point lies under ~60
        // of them, whose sum would be hundreds of nm, but the surface rises by one cap height at most
        s.clearParticles();
        for (int j = 0; j < 25; j++) {
            for (int i = 0; i < 25; i++) {
                s.addParticle(0.75e-6 + i * 20e-9, 0.75e-6 + j * 20e-9, 90e-9, 9e-9);
            }
        }
        double maxDeposit = 0;
        for (int j = 0; j < 25; j++) {
            for (int i = 0; i < 25; i++) {
                double gx = 0.75e-6 + i * 20e-9;
                double gy = 0.75e-6 + j * 20e-9;
                double deposit = s.contactHeightAt(gx, gy) - s.bareTopographyAt(gx, gy);
                assertTrue(deposit >= 9e-9 - 1e-15, "a cap centred here: deposit " + deposit + " m");
                maxDeposit = Math.max(maxDeposit, deposit);
            }
        }
        assertEquals(9e-9, maxDeposit, 1e-15, "the union of equal caps is as high as one of them");
    }
}
