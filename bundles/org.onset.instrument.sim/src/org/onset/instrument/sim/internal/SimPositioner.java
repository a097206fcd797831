package org.onset.instrument.sim.internal;

import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.LimitExceededException;
import org.onset.instrument.api.Positioner;

/**
 * Closed-loop XY stage over the simulated sample. In real-time mode a move takes
 * {@code move.overhead + distance / move.speed} and then the requested settle time; in virtual mode
 * both are instant. An abort stops the stage where it is.
 */
final class SimPositioner implements Positioner {

    private final InstrumentState state;
    private final Pacer pacer;
    private final double rangeX;
    private final double rangeY;
    private final double speed;
    private final double overhead;
    private volatile double x;
    private volatile double y;

    SimPositioner(InstrumentState state, Pacer pacer, double rangeX, double rangeY, double speed, double overhead) {
        this.state = state;
        this.pacer = pacer;
        this.rangeX = rangeX;
        this.rangeY = rangeY;
        this.speed = speed;
        this.overhead = overhead;
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
                double done = Math.min(1, pacer.instrumentSecondsSince(start) / duration);
                x = x0 + (tx - x0) * done;
                y = y0 + (ty - y0) * done;
                return;
            }
            x = tx;
            y = ty;
            pacer.waitFor(op, settleSeconds);
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
