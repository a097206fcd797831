package org.onset.instrument.sim.engine;

/**
 * A small, fast, seedable random stream for the simulator: SplitMix64 for the bits and a 256-layer
 * ziggurat (Marsaglia &amp; Tsang) for normal deviates. The pre-nucleation part of a map costs two
 * Gaussian deviates per sample for some 10⁸ samples, so this matters; {@link java.util.Random}
 * (synchronized, Box–Muller with logarithms) is several times slower.
 *
 * <p>Not thread-safe: one instance per pixel run. Streams are reproducible from the seed.
 */
public final class FastRandom {

    private static final int LAYERS = 256;
    /** Start of the tail: the rightmost layer edge for 256 layers (published constant). */
    private static final double TAIL_START = 3.6541528853610088;
    /** Area of each layer (published constant belonging to {@link #TAIL_START}). */
    private static final double LAYER_AREA = 0.00492867323399;

    /** Right edges of the layers; EDGE[0] is the virtual width of the base layer that includes the tail. */
    private static final double[] EDGE = new double[LAYERS + 1];
    /** exp(-x²/2) at the edges. */
    private static final double[] DENSITY = new double[LAYERS + 1];

    static {
        double f = Math.exp(-0.5 * TAIL_START * TAIL_START);
        EDGE[0] = LAYER_AREA / f;
        EDGE[1] = TAIL_START;
        for (int i = 1; i < LAYERS - 1; i++) {
            double arg = LAYER_AREA / EDGE[i] + Math.exp(-0.5 * EDGE[i] * EDGE[i]);
            EDGE[i + 1] = Math.sqrt(-2 * Math.log(Math.min(arg, 1.0)));
        }
        EDGE[LAYERS] = 0;
        for (int i = 0; i <= LAYERS; i++) {
            DENSITY[i] = Math.exp(-0.5 * EDGE[i] * EDGE[i]);
        }
        DENSITY[0] = f;
    }

    private long state;

    public FastRandom(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 output function: a strong 64-bit mixer, also used to derive seeds. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64 random bits. */
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Exponential with mean 1. */
    public double nextExponential() {
        return -Math.log(1.0 - nextDouble());
    }

    /** Standard normal deviate. */
    public double nextGaussian() {
        while (true) {
            long bits = nextLong();
            int layer = (int) bits & (LAYERS - 1);
            // the upper 53 bits as a signed fraction in [-1, 1): sign and position in the layer at once
            double x = (bits >> 11) * 0x1.0p-52 * EDGE[layer];
            if (Math.abs(x) < EDGE[layer + 1]) {
                return x; // inside the part of the layer that lies wholly under the curve (~99 %)
            }
            if (layer == 0) {
                return x < 0 ? -tail() : tail();
            }
            double y = DENSITY[layer] + nextDouble() * (DENSITY[layer + 1] - DENSITY[layer]);
            if (y < Math.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** |x| beyond the tail start, by Marsaglia's exponential rejection. */
    private double tail() {
        while (true) {
            double a = -Math.log(1.0 - nextDouble()) / TAIL_START;
            double b = -Math.log(1.0 - nextDouble());
            if (b + b >= a * a) {
                return TAIL_START + a;
            }
        }
    }
}
