package org.onset.instrument.sim.tests.physics;

import java.util.Arrays;

/** Small statistics over arrays, ignoring NaN. */
final class Stats {

    private Stats() {
    }

    static double[] finite(double[] v) {
        return Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
    }

    static double mean(double[] v) {
        return Arrays.stream(finite(v)).average().orElse(Double.NaN);
    }

    static double sd(double[] v) {
        double[] f = finite(v);
        double m = mean(f);
        double s = 0;
        for (double d : f) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (f.length - 1));
    }

    static double median(double[] v) {
        double[] f = finite(v);
        Arrays.sort(f);
        int n = f.length;
        return n % 2 == 1 ? f[n / 2] : 0.5 * (f[n / 2 - 1] + f[n / 2]);
    }

    static double rms(double[] v, int from, int to) {
        double m = 0;
        for (int k = from; k < to; k++) {
            m += v[k];
        }
        m /= to - from;
        double s = 0;
        for (int k = from; k < to; k++) {
            s += (v[k] - m) * (v[k] - m);
        }
        return Math.sqrt(s / (to - from - 1));
    }
}
