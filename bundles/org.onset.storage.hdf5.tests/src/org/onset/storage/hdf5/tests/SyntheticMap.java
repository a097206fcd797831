package org.onset.storage.hdf5.tests;

import org.onset.instrument.api.RampOutcome.Termination;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;

/**
 * Reproducible pixels for tests: the same (seed, index) always gives the same record, so a test can
 * check what a killed child process wrote without talking to it. Values are quantized the way an
 * ADC delivers them, with a share of pixels whose values are not (to exercise every encoding).
 */
public final class SyntheticMap {

    static final double RATE = 10_000.0;
    static final ChannelSpec BIAS = new ChannelSpec(Channel.BIAS, -10, 10, 20.0 / 65536);
    static final ChannelSpec CURRENT = new ChannelSpec(Channel.CURRENT, -1e-9, 1e-9, 2e-9 / 4096);
    static final ChannelSpec HEIGHT = new ChannelSpec(Channel.HEIGHT, -1e-6, 1e-6, 2e-6 / 65536);
    public static final List<ChannelSpec> CHANNELS = List.of(BIAS, CURRENT, HEIGHT);
    public static final Map<String, String> ATTRIBUTES = Map.of("recipe_json", "{\"ramp\":{\"from\":0,\"to\":-5}}",
            "software_version", "onset test");

    private SyntheticMap() {
    }

    static double q(double v, ChannelSpec s) {
        return Math.rint(v / s.resolution()) * s.resolution();
    }

    /**
     * Pixel {@code index} of a map: {@code minSamples}..{@code 2·minSamples} samples. Every 5th pixel
     * has an unquantized current (float64 fallback), every 7th a float32-exact height, every 11th no
     * height, every 3rd an explicit (jittered) time axis, every 13th a bias starting at -0.0 (which int16 codes cannot hold).
     */
    public static PixelRecord pixel(Grid layout, int index, long seed, int minSamples) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        int n = minSamples + r.nextInt(minSamples + 1);
        double[] t = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] h = index % 11 == 10 ? null : new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = index % 3 == 2 ? k / RATE + r.nextDouble() * 1e-7 : k / RATE;
            double bias = q(-k * 1e-4, BIAS);
            b[k] = index % 13 == 12 ? bias : bias + 0.0; // + 0.0 turns the first sample's -0.0 into 0.0
            double current = -1e-11 * Math.exp(k / (double) n * 3) + 2e-12 * r.nextDouble();
            c[k] = index % 5 == 4 ? current : q(current, CURRENT);
            if (h != null) {
                double height = 1e-9 * k / n + 5e-11 * r.nextDouble();
                h[k] = index % 7 == 6 ? (float) height : q(height, HEIGHT);
            }
        }
        boolean cut = r.nextInt(4) != 0;
        return new PixelRecord(index, layout.i(index), layout.j(index), layout.x(layout.i(index)) + 1e-9,
                layout.y(layout.j(index)) - 1e-9, cut ? b[n - 1] : Double.NaN, c[n - 1],
                h == null ? Double.NaN : h[n - 1] - h[0], cut ? "current" : "none", cut ? n - 1 : -1,
                cut ? Termination.CUTOFF : Termination.COMPLETED, "", 1_700_000_000_000L + index * 4000L,
                1_700_000_000_000L + index * 4000L + (long) (n / RATE * 1000), RATE, t, b, c, h);
    }
}
