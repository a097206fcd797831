package org.onset.analysis.paper.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.particles.CurveCharge;
import org.onset.analysis.particles.DetectedParticle;
import org.onset.analysis.particles.ParticleDetection;
import org.onset.analysis.particles.ParticleDetector;
import org.onset.analysis.particles.Transference;
import org.onset.analysis.phases.BoundaryDistance;
import org.onset.analysis.phases.NeverNucleatingClusters;
import org.onset.analysis.phases.OnsetByDistance;
import org.onset.analysis.phases.RankSum;
import org.onset.analysis.topography.Registration;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.TopographyImage;
import org.onset.instrument.sim.engine.MapSimulation;
import org.onset.instrument.sim.engine.Phase;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;
import org.onset.map.api.Grid;

/**
 * The experiments behind the paper's Figs. 1b, 1d–e, 4 and 5, run on the simulated sample, and
 * analysed from their DATA only — topography scanned before and after, the current of every ramp
 * (streamed through {@link CurveCharge.Accumulator}, never held), the onset map — by the analyses
 * of {@code org.onset.analysis}. The simulator's internal volumes and phases serve only as the
 * reference the results are compared with.
 *
 * <p>Arrays of sweeps are sparse (particles must not touch for their volume to hold the Li of one
 * ramp, see the simulator's TOPOGRAPHY.md): 10 × 10 uncontrolled sweeps 1.5 µm apart on a
 * 15.5 µm sample (microstructure grid 20 nm so it fits in memory and time), 10 × 10
 * current-controlled sweeps 0.5 µm apart on a 5.5 µm sample. The after image is scanned displaced
 * by (37, −21) nm, as drift would, so that the registration has something to find.
 */
final class PaperFigures {

    /** 0 → −5 V at 1.2 V/s, no cutoff: the paper's uncontrolled sweeps (µm particles). */
    static final RampRequest UNCONTROLLED = RampRequest.linear(0, -5, 1.2, 10e3, CutoffRule.none());
    /** 0 → −4.2 V at 1.2 V/s, cutoff −10 pA. */
    static final RampRequest CURRENT_CONTROL = RampRequest.linear(0, -4.2, 1.2, 10e3, CutoffRule.current(-10e-12));
    static final double DRIFT_X = 37e-9;
    static final double DRIFT_Y = -21e-9;

    private PaperFigures() {
    }

    /**
     * A sparse array of sweeps and what the analysis found in it.
     *
     * @param name       short name
     * @param before     topography before, m
     * @param difference after − before, registered
     * @param particles  particles in the difference
     * @param points     transference points (particles with a ramp)
     * @param seconds    wall time, s
     */
    record SweepArray(String name, TopographyImage before, Registration.Difference difference,
            ParticleDetection particles, List<Transference.Point> points, double seconds) {

        double[] volumes() {
            return particles.particles().stream().mapToDouble(DetectedParticle::volume).sorted().toArray();
        }
    }

    /**
     * The onset map of Figs. 4–5 and what the analysis found in it.
     *
     * @param grid                 the map's grid
     * @param onset                onset bias per pixel, V (NaN: none)
     * @param phases               phases found from the data
     * @param agreement            fraction of pixels whose AlPO4/LICGC class matches the ground truth
     * @param truthAlpo4           AlPO4 pixels in the ground truth
     * @param truthAlpo4Nucleated  … of which nucleated
     * @param foundAlpo4           AlPO4 pixels found
     * @param foundAlpo4Nucleated  … of which nucleated
     * @param medianBand           median onset in the boundary band, V
     * @param medianMatrix         median onset in the matrix, V
     * @param test                 Mann–Whitney U of band against matrix
     * @param bins                 onset against distance to AlPO4
     * @param seconds              wall time, s
     */
    record OnsetMap(Grid grid, double[] onset, PhaseMap phases, double agreement, int truthAlpo4,
            int truthAlpo4Nucleated, int foundAlpo4, int foundAlpo4Nucleated, double medianBand, double medianMatrix,
            RankSum test, List<OnsetByDistance.Bin> bins, double seconds) {
    }

    static SweepArray uncontrolledArray() {
        return array("uncontrolled", sample(15.5e-6, 20e-9), 1.5e-6, UNCONTROLLED, 40e-9);
    }

    static SweepArray complianceArray() {
        return array("compliance", sample(5.5e-6, 10e-9), 0.5e-6, CURRENT_CONTROL, 10e-9);
    }

    private static SimSettings sample(double width, double gridStep) {
        return SimSettings.defaults().with(Map.of("sampleWidth", width, "sampleHeight", width, "gridStep", gridStep));
    }

    private static SweepArray array(String name, SimSettings settings, double spacing, RampRequest ramp, double pixel) {
        long t0 = System.nanoTime();
        SimulatedSample sample = SimulatedSample.generate(settings);
        PixelSimulator sim = new PixelSimulator(settings, sample);
        TopographyImage before = scan(sample, pixel, 0, 0);
        MapSimulation.Grid grid = MapSimulation.Grid.centred(sample, 10, spacing);
        int n = grid.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] q = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = grid.x(k);
            y[k] = grid.y(k);
            CurveCharge.Accumulator charge = new CurveCharge.Accumulator();
            sim.run(x[k], y[k], ramp, PixelSimulator.pixelSeed(settings.sampleSeed(), x[k], y[k]),
                    b -> charge.add(b.time(), b.bias(), b.current(), b.time().length), null, true);
            q[k] = charge.charge();
        }
        TopographyImage after = scan(sample, pixel, DRIFT_X, DRIFT_Y);
        Registration.Difference difference = Registration.difference(before, after, 4);
        ParticleDetection particles = ParticleDetector.defaults().detect(difference.image());
        List<Transference.Point> points = Transference.points(particles, x, y, q);
        return new SweepArray(name, before, difference, particles, points, (System.nanoTime() - t0) / 1e9);
    }

    /** A topography scan of the whole sample at {@code step}, displaced by (ox, oy). */
    private static TopographyImage scan(SimulatedSample sample, double step, double ox, double oy) {
        int nx = (int) Math.floor(sample.width() / step);
        int ny = (int) Math.floor(sample.height() / step);
        double[] z = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                z[j * nx + i] = sample.topographyAt(i * step + ox, j * step + oy);
            }
        }
        return new TopographyImage(nx, ny, 0, 0, step, step, z);
    }

    /** The demo's 70 × 70 current-controlled map at 20 nm on the default sample. */
    static OnsetMap onsetMap(int threads) {
        long t0 = System.nanoTime();
        SimSettings settings = SimSettings.defaults();
        SimulatedSample sample = SimulatedSample.generate(settings);
        PixelSimulator sim = new PixelSimulator(settings, sample);
        MapSimulation.Grid g = MapSimulation.Grid.centred(sample, 70, 20e-9);
        MapSimulation.Result map = MapSimulation.run(sim, g, CURRENT_CONTROL, threads, true);
        Grid grid = new Grid(g.nx(), g.ny(), g.x0(), g.y0(), g.step(), g.step());
        int n = g.size();
        boolean[] measured = new boolean[n];
        boolean[] nucleated = new boolean[n];
        double[] onset = new double[n];
        for (int k = 0; k < n; k++) {
            measured[k] = true;
            onset[k] = map.cutoffBias(k);
            nucleated[k] = Double.isFinite(onset[k]);
        }
        NeverNucleatingClusters finder = NeverNucleatingClusters.defaults();
        boolean[] alpo4 = finder.alpo4(grid, measured, nucleated);
        PhaseMap phases = finder.phaseMap(grid, measured, nucleated, "the onset map (never-nucleating clusters)");
        int agree = 0;
        int truthAlpo4 = 0;
        int truthNucleated = 0;
        int found = 0;
        int foundNucleated = 0;
        List<Double> band = new ArrayList<>();
        List<Double> matrix = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            boolean truth = sample.phaseAt(g.x(k), g.y(k)) == Phase.ALPO4;
            agree += truth == alpo4[k] ? 1 : 0;
            truthAlpo4 += truth ? 1 : 0;
            truthNucleated += truth && nucleated[k] ? 1 : 0;
            if (alpo4[k]) {
                found++;
                foundNucleated += nucleated[k] ? 1 : 0;
            } else if (nucleated[k]) {
                (PhaseMap.BOUNDARY.equals(phases.region(k)) ? band : matrix).add(onset[k]);
            }
        }
        double[] b = band.stream().mapToDouble(Double::doubleValue).toArray();
        double[] m = matrix.stream().mapToDouble(Double::doubleValue).toArray();
        double[] distance = BoundaryDistance.toAlpo4(grid, alpo4);
        List<OnsetByDistance.Bin> bins = OnsetByDistance.bins(distance, onset, 20e-9, 200e-9, 1000,
                OnsetByDistance.seed());
        return new OnsetMap(grid, onset, phases, (double) agree / n, truthAlpo4, truthNucleated, found, foundNucleated,
                median(b), median(m), RankSum.test(b, m), bins, (System.nanoTime() - t0) / 1e9);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The q-quantile (nearest rank below) of sorted values. */
    static double quantile(double[] sorted, double q) {
        return sorted[(int) (q * (sorted.length - 1))];
    }
}
