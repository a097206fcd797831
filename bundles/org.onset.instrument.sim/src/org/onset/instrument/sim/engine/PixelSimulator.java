package org.onset.instrument.sim.engine;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;

/**
 * Runs one bias ramp of the simulated instrument at a point of the sample, in virtual time.
 *
 * <p>Per sample: the programmed bias is quantized by the DAC; before nucleation the hazard
 * h = K·exp(−B/η²), B = barrierFactor·η50², η = −V − E_th, is integrated until it reaches the
 * pixel's Exp(1) threshold; afterwards the cap grows ({@link CapGrowth}). The faradaic current plus
 * C·dV/dt passes the amplifier's one-pole low-pass, gets white noise and is digitized; the height
 * is the local topography plus the cap height plus drift, low-passed, plus noise, digitized by the
 * Z sensor ADC. Every delivered bias, current and height is an exact multiple of its converter's
 * step ({@link Quantizer}) and time is sample index · (1 / rate), as from a real DAQ. The cutoff rule
 * sees the recorded current and the recorded height change since the first sample; the ramp ends
 * {@code detectionLatency} after the sample where it fired (those samples are still delivered and
 * the cap keeps growing). After the ramp the bias and current are 0.
 *
 * <p>Stateless apart from the settings and the sample: one instance serves any number of threads.
 */
public final class PixelSimulator {

    /** Samples per delivered block. */
    static final int BLOCK = 1000;

    private final SimSettings s;
    private final SimulatedSample sample;
    private final Quantizer dac;
    private final Quantizer currentAdc;
    private final Quantizer heightAdc;

    /**
     * @throws IllegalArgumentException when a setting is invalid
     */
    public PixelSimulator(SimSettings settings, SimulatedSample sample) {
        this.s = Objects.requireNonNull(settings, "settings");
        this.sample = Objects.requireNonNull(sample, "sample");
        settings.validate();
        dac = settings.biasDac();
        currentAdc = settings.currentAdc();
        heightAdc = settings.heightAdc();
    }

    public SimSettings settings() {
        return s;
    }

    public SimulatedSample sample() {
        return sample;
    }

    /**
     * Seed of the random stream of the pixel at (x, y): the sample seed mixed with the position
     * rounded to 0.1 nm, so a pixel gives the same result whatever order or thread runs it.
     */
    public static long pixelSeed(long sampleSeed, double x, double y) {
        long xi = Math.round(x * 1e10);
        long yi = Math.round(y * 1e10);
        long h = FastRandom.mix(sampleSeed + 0x5049584C53454544L);
        h = FastRandom.mix(h ^ xi);
        return FastRandom.mix(h + 0x9E3779B97F4A7C15L * yi);
    }

    /**
     * Runs one ramp at (x, y).
     *
     * @param request             the ramp and its cutoff rule (the driver checked it against the limits)
     * @param pixelSeed           seed of this pixel's random stream, usually {@link #pixelSeed}
     * @param sink                receives blocks of at most 1000 samples; the arrays are new for every block
     * @param abortRequested      polled between blocks; true ends the ramp with {@link Termination#ABORTED}
     *                            (null: never)
     * @param addParticleToSample whether the grown particle is added to the sample's topography
     */
    public PixelRun run(double x, double y, RampRequest request, long pixelSeed, SampleSink sink,
            BooleanSupplier abortRequested, boolean addParticleToSample) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("pixel position must be finite, got (" + x + ", " + y + ") m");
        }
        Run run = new Run(x, y, request, pixelSeed);
        try {
            return run.execute(sink, abortRequested);
        } finally {
            // the Li is on the surface whatever ended the ramp, even a failing sink
            if (addParticleToSample && run.growth.exists()) {
                sample.addParticle(x, y, run.growth.baseRadius(), run.growth.height());
            }
        }
    }

    /** The state of one ramp; lives on the calling thread only. */
    private final class Run {
        private final RampRequest request;
        private final RampProgram program;
        private final FastRandom rnd;
        private final CapGrowth growth;
        private final CutoffRule.Evaluator rule;
        private final double dt;
        private final double barrier;
        private final double z0;
        private final double currentFilter;
        private final double heightFilter;
        private final int latencySamples;

        private double hazardIntegral;
        private double threshold;
        private double hazardBias = Double.NaN;
        private double hazard;
        private boolean grown;
        private double onsetBias = Double.NaN;
        private double onsetTime = Double.NaN;
        private double peakCurrent;
        private double filteredCurrent;
        private double filteredHeight;
        private double firstHeight;
        /** The sample computed last by {@link #sampleAt}: bias V, recorded current A, recorded height m. */
        private double lastBias;
        private double lastCurrent;
        private double lastHeight;

        Run(double x, double y, RampRequest request, long seed) {
            this.request = request;
            this.program = new RampProgram(request);
            this.rnd = new FastRandom(seed);
            this.growth = new CapGrowth(s);
            this.rule = request.cutoff().arm();
            this.dt = 1.0 / request.sampleRateHz();
            double eta50 = sample.eta50At(x, y);
            this.barrier = s.barrierFactor() * eta50 * eta50; // +∞ on AlPO4: the hazard stays 0
            this.threshold = rnd.nextExponential();
            this.z0 = sample.contactHeightAt(x, y);
            this.currentFilter = -Math.expm1(-2 * Math.PI * s.currentLowPass() * dt);
            this.heightFilter = s.heightLowPassTime() > 0 ? -Math.expm1(-dt / s.heightLowPassTime()) : 1;
            this.latencySamples = (int) Math.round(s.detectionLatency() * request.sampleRateHz());
            this.filteredHeight = z0;
        }

        PixelRun execute(SampleSink sink, BooleanSupplier abortRequested) {
            int total = request.sampleCount();
            int last = total - 1; // index of the last sample to produce; moves up when the rule fires
            CutoffEvent event = null;
            int n = 0;
            Termination termination = Termination.COMPLETED;
            while (n <= last) {
                if (abortRequested != null && abortRequested.getAsBoolean()) {
                    termination = Termination.ABORTED;
                    break;
                }
                int size = Math.min(BLOCK, last - n + 1);
                double[] time = new double[size];
                double[] bias = new double[size];
                double[] current = new double[size];
                double[] height = new double[size];
                int k = 0;
                for (; k < size; k++, n++) {
                    // n · (1 / rate), bit for bit: storage recognises it and keeps no time column
                    double t = n * dt;
                    sampleAt(n, t);
                    time[k] = t;
                    bias[k] = lastBias;
                    current[k] = lastCurrent;
                    height[k] = lastHeight;
                    if (event == null && rule.offer(lastCurrent, lastHeight - firstHeight)) {
                        event = new CutoffEvent(rule.firedBy(), request.cutoff().describe(), n, t, lastBias,
                                lastCurrent, lastHeight - firstHeight);
                        last = Math.min(last, n + latencySamples);
                        size = Math.min(size, last - (n - k) + 1);
                    }
                }
                if (k < time.length) {
                    time = Arrays.copyOf(time, k);
                    bias = Arrays.copyOf(bias, k);
                    current = Arrays.copyOf(current, k);
                    height = Arrays.copyOf(height, k);
                }
                sink.accept(new SampleBlock(n - k, time, bias, current, height));
            }
            if (termination != Termination.ABORTED && event != null) {
                termination = Termination.CUTOFF;
            }
            RampOutcome outcome = new RampOutcome(termination, termination == Termination.CUTOFF ? event : null, n,
                    n > 0 ? (n - 1) * dt : 0, "");
            return new PixelRun(outcome, onsetBias, onsetTime, growth.volume(), Math.max(0, growth.charge()),
                    growth.baseRadius(), growth.height(), peakCurrent);
        }

        /** Computes sample n at time t into lastBias/lastCurrent/lastHeight. */
        private void sampleAt(int n, double t) {
            double programmed = program.valueAt(t);
            double bias = dac.quantize(programmed);
            double eta = -bias - s.thresholdPotential();

            double faradaic = 0; // cathodic negative, the instrument's sign
            if (!grown) {
                if (bias != hazardBias) {
                    // the DAC holds each value for many samples: one exp per step, not per sample
                    hazardBias = bias;
                    hazard = eta > 0 ? s.hazardPrefactor() * Math.exp(-barrier / (eta * eta)) : 0;
                }
                hazardIntegral += hazard * dt;
                if (hazardIntegral >= threshold) {
                    grown = true;
                    growth.nucleate(s.nucleusBaseRadius());
                    if (Double.isNaN(onsetBias)) {
                        onsetBias = bias;
                        onsetTime = t;
                    }
                }
            }
            if (grown) {
                double cathodic = growth.step(eta, dt);
                faradaic = -cathodic;
                peakCurrent = Math.max(peakCurrent, Math.abs(cathodic));
                if (!growth.exists()) {
                    // dissolved by an anodic excursion: the surface is bare again and needs a new nucleus
                    grown = false;
                    hazardIntegral = 0;
                    threshold = rnd.nextExponential();
                }
            }

            double input = faradaic + s.parasiticCapacitance() * program.slope();
            filteredCurrent += currentFilter * (input - filteredCurrent);
            lastCurrent = currentAdc.quantize(filteredCurrent + s.currentNoise() * rnd.nextGaussian());

            double z = z0 + growth.height() + s.driftZ() * t;
            filteredHeight += heightFilter * (z - filteredHeight);
            lastHeight = heightAdc.quantize(filteredHeight + s.heightNoise() * rnd.nextGaussian());
            if (n == 0) {
                firstHeight = lastHeight;
            }
            lastBias = bias;
        }
    }
}
