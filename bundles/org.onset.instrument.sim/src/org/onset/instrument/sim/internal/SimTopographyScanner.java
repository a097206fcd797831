package org.onset.instrument.sim.internal;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.onset.instrument.api.InstrumentException;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.LimitExceededException;
import org.onset.instrument.api.TopographyImage;
import org.onset.instrument.api.TopographyScanner;
import org.onset.instrument.sim.engine.SimulatedSample;

/**
 * Images the simulated surface, including every particle grown so far, with white Z noise. In
 * real-time mode each line takes {@code scan.lineTime}.
 */
final class SimTopographyScanner implements TopographyScanner {

    private final InstrumentState state;
    private final Pacer pacer;
    private final SimulatedSample sample;
    private final SimPositioner positioner;
    private final InstrumentClock clock;
    private final double noise;
    private final double lineTime;
    private final long seed;
    private final AtomicLong scans = new AtomicLong();

    SimTopographyScanner(InstrumentState state, Pacer pacer, SimulatedSample sample, SimPositioner positioner,
            InstrumentClock clock, double noise, double lineTime, long seed) {
        this.state = state;
        this.pacer = pacer;
        this.sample = sample;
        this.positioner = positioner;
        this.clock = clock;
        this.noise = noise;
        this.lineTime = lineTime;
        this.seed = seed;
    }

    @Override
    public TopographyImage scan(double x0, double y0, double dx, double dy, int nx, int ny) {
        if (nx < 1 || ny < 1) {
            throw new LimitExceededException("scan size " + nx + " x " + ny + " must be at least 1 x 1 points");
        }
        if (!Double.isFinite(dx) || !Double.isFinite(dy)) {
            throw new LimitExceededException("scan steps dx = " + dx + " m, dy = " + dy + " m must be finite");
        }
        SimPositioner.checkInRange("x", x0, sample.width());
        SimPositioner.checkInRange("y", y0, sample.height());
        SimPositioner.checkInRange("x", x0 + (nx - 1) * dx, sample.width());
        SimPositioner.checkInRange("y", y0 + (ny - 1) * dy, sample.height());
        state.requireIdle("topography scan");
        Operation op = state.begin("topography scan of " + nx + " x " + ny + " points");
        try {
            // a new noise stream per scan, reproducible for a given sample seed
            SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * scans.incrementAndGet()));
            double[] z = new double[nx * ny];
            long start = System.nanoTime();
            for (int j = 0; j < ny; j++) {
                // the image is taken where the sample has drifted to, as a real scan is
                double ox = positioner.driftOffsetX();
                double oy = positioner.driftOffsetY();
                for (int i = 0; i < nx; i++) {
                    z[j * nx + i] = sample.topographyAt(x0 + i * dx + ox, y0 + j * dy + oy)
                            + noise * rnd.nextGaussian();
                }
                clock.advance(lineTime);
                if (pacer.waitUntil(op, start, (j + 1) * lineTime)) {
                    throw new InstrumentException("topography scan stopped after line " + (j + 1) + " of " + ny
                            + ": " + op.stop().reason());
                }
            }
            return new TopographyImage(nx, ny, x0, y0, dx, dy, z);
        } finally {
            state.end(op, State.ONLINE, "");
        }
    }
}
