package org.onset.instrument.sim.internal;

import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.LimitExceededException;
import org.onset.instrument.api.Positioner;

/**
 * Closed-loop XY stage over the simulated sample. In real-time mode a move takes
 * {@code move.overhead + distance / move.speed} and then the requested settle time; in virtual mode
 * both are instant (but count as instrument time). An abort stops the stage where it is.
 *
 * <p>{@link #x()} and {@link #y()} are what the closed-loop sensors read. The sample drifts under
 * the tip with the engine's {@code driftX}/{@code driftY} as instrument time passes, which no
 * sensor sees: {@link #tipX()}/{@link #tipY()} is where the tip really is on the sample.
 */
final class SimPositioner implements Positioner {

    private final InstrumentState state;
    private final Pacer pacer;
    private final InstrumentClock clock;
    private final double rangeX;
    private final double rangeY;
    private final double speed;
    private final double overhead;
    private final double driftX;
    private final double driftY;
    private volatile double x;
    private volatile double y;

    SimPositioner(InstrumentState state, Pacer pacer, InstrumentClock clock, double rangeX, double rangeY,
            SimulatorConfig config) {
        this.state = state;
        this.pacer = pacer;
        this.clock = clock;
        this.rangeX = rangeX;
        this.rangeY = rangeY;
        this.speed = config.moveSpeed();
        this.overhead = config.moveOverhead();
        this.driftX = config.engineValues().getOrDefault("driftX", 0.0);
        this.driftY = config.engineValues().getOrDefault("driftY", 0.0);
        // the tip starts over the middle of the sample, as after a manual approach
        this.x = rangeX / 2;
        this.y = rangeY / 2;
    }

    @Override
    public double rangeX() {
        return rangeX;
    }

    @Override
    public double rangeY() {
        return rangeY;
    }

    @Override
    public double x() {
        return x;
    }

    @Override
    public double y() {
        return y;
    }

    /** Where the tip is on the sample, m: the commanded x plus the drift so far. */
    double tipX() {
        return x + driftOffsetX();
    }

    double tipY() {
        return y + driftOffsetY();
    }

    double driftOffsetX() {
        return driftX * clock.seconds();
    }

    double driftOffsetY() {
        return driftY * clock.seconds();
    }

    @Override
    public void moveTo(double tx, double ty, double settleSeconds) {
        checkInRange("x", tx, rangeX);
        checkInRange("y", ty, rangeY);
        if (!(settleSeconds >= 0) || !Double.isFinite(settleSeconds)) {
            throw new LimitExceededException("settle time = " + settleSeconds + " s must be a finite value >= 0 s");
        }
        state.requireIdle("move");
        Operation op = state.begin(String.format("moving to (%.4g, %.4g) m", tx, ty));
        try {
            double x0 = x;
            double y0 = y;
            double duration = overhead + Math.hypot(tx - x0, ty - y0) / speed;
            long start = System.nanoTime();
            if (pacer.waitUntil(op, start, duration) && pacer.realTime()) {
                double elapsed = Math.min(duration, pacer.instrumentSecondsSince(start));
                x = x0 + (tx - x0) * elapsed / duration;
                y = y0 + (ty - y0) * elapsed / duration;
                clock.advance(elapsed);
                return;
            }
            x = tx;
            y = ty;
            clock.advance(duration);
            long settleStart = System.nanoTime();
            boolean stopped = pacer.waitFor(op, settleSeconds);
            clock.advance(stopped && pacer.realTime() ? pacer.instrumentSecondsSince(settleStart) : settleSeconds);
        } finally {
            state.end(op, State.ONLINE, "");
        }
    }

    static void checkInRange(String axis, double value, double range) {
        if (!(value >= 0 && value <= range)) {
            throw new LimitExceededException("positioner target " + axis + " = " + value
                    + " m is outside the range [0, " + range + "] m");
        }
    }
}
