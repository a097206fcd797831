package org.onset.instrument.api;

import org.osgi.annotation.versioning.ProviderType;

/** XY positioner of the tip over the sample (closed loop), in metres. */
@ProviderType
public interface Positioner {

    /** Reachable area: x and y from 0 to these values, m. */
    double rangeX();

    double rangeY();

    /** Current position, m. */
    double x();

    double y();

    /**
     * Moves to (x, y) and waits {@code settleSeconds} after arrival; returns when settled.
     *
     * @throws LimitExceededException when the target is outside the range or not finite
     * @throws NotConnectedException when the instrument is not online
     */
    void moveTo(double x, double y, double settleSeconds);
}
