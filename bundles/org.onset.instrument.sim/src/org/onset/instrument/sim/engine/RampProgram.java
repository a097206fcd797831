package org.onset.instrument.sim.engine;

import java.util.List;

import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.RampSegment;

/**
 * The programmed bias of a {@link RampRequest} as a list of linear pieces (ramps and holds), read
 * sample after sample in increasing time without searching the segment list each time.
 */
final class RampProgram {

    private final double[] startTime;
    private final double[] startVolts;
    private final double[] slope;
    private final double endVolts;
    private int piece;

    RampProgram(RampRequest request) {
        List<RampSegment> segments = request.segments();
        int n = segments.size() * 2;
        startTime = new double[n + 1];
        startVolts = new double[n + 1];
        slope = new double[n + 1];
        double t = 0;
        double v = request.startVolts();
        int k = 0;
        for (RampSegment s : segments) {
            double run = Math.abs(s.targetVolts() - v) / s.rateVoltsPerSecond();
            startTime[k] = t;
            startVolts[k] = v;
            slope[k] = run > 0 ? Math.signum(s.targetVolts() - v) * s.rateVoltsPerSecond() : 0;
            k++;
            t += run;
            v = s.targetVolts();
            startTime[k] = t;
            startVolts[k] = v;
            slope[k] = 0;
            k++;
            t += s.holdSeconds();
        }
        // a final piece that holds the last value forever
        startTime[n] = t;
        startVolts[n] = v;
        slope[n] = 0;
        endVolts = v;
    }

    /** Moves to the piece containing {@code t}; times must not decrease between calls. */
    private void seek(double t) {
        while (piece < startTime.length - 1 && t >= startTime[piece + 1]) {
            piece++;
        }
    }

    /** Programmed bias at {@code t}, V. */
    double valueAt(double t) {
        seek(t);
        return piece == startTime.length - 1 ? endVolts : startVolts[piece] + slope[piece] * (t - startTime[piece]);
    }

    /** dV/dt at the time of the last {@link #valueAt} call, V/s. */
    double slope() {
        return slope[piece];
    }
}
