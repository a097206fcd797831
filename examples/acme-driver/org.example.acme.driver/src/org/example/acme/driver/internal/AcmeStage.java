package org.example.acme.driver.internal;

import org.onset.instrument.api.LimitExceededException;
import org.onset.instrument.api.Positioner;

/** The dummy SMU's virtual XY stage: 10 µm × 10 µm, moves arrive at once (or after the settle time in real time). */
final class AcmeStage implements Positioner {

    static final double RANGE = 10e-6; // m

    private final Runnable requireConnected;
    private final boolean realTime;
    private volatile double x;
    private volatile double y;

    AcmeStage(Runnable requireConnected, boolean realTime) {
        this.requireConnected = requireConnected;
        this.realTime = realTime;
    }

    @Override
    public double rangeX() {
        return RANGE;
    }

    @Override
    public double rangeY() {
        return RANGE;
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
    public void moveTo(double newX, double newY, double settleSeconds) {
        requireConnected.run();
        check("x", newX);
        check("y", newY);
        x = newX;
        y = newY;
        if (realTime && settleSeconds > 0) {
            try {
                Thread.sleep((long) (settleSeconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void check(String axis, double value) {
        if (!(value >= 0 && value <= RANGE)) {
            throw new LimitExceededException(axis + " = " + value + " m is outside the stage range [0, " + RANGE + "] m");
        }
    }
}
