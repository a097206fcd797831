package org.onset.sweep.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.onset.instrument.api.BiasLimits;
import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.api.StatusListener;
import org.onset.instrument.api.TopographyImage;
import org.onset.instrument.api.TopographyScanner;

/**
 * A small instrument for tests whose faults can be scripted per pixel: throw, hang, report a fault,
 * or take real time per sample block (so that pause and abort land mid-ramp). Its pixels are a pure
 * function of (seed, position): onset between −3.0 and −4.0 V, then a current step to −40 pA
 * (4× a −10 pA cutoff) and a growing height, so results are reproducible across processes.
 */
public final class ScriptedDriver implements InstrumentDriver {

    public enum Misbehaviour { THROW, HANG, FAULT }

    private final String id;
    private final long seed;
    private final Map<Integer, Misbehaviour> script = new ConcurrentHashMap<>();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Integer> rampedPixels = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger ramps = new java.util.concurrent.atomic.AtomicInteger();
    private volatile double bias;
    private volatile boolean aborted;
    private volatile double x;
    private volatile double y;
    private volatile long blockSleepMillis;
    private volatile InstrumentStatus status = InstrumentStatus.of(State.OFFLINE, "");
    private volatile boolean refuseConnect;
    /** Counted down when a ramp starts, for tests that act mid-ramp. */
    public volatile CountDownLatch rampStarted = new CountDownLatch(1);
    public volatile int abortCalls;
    private final double gridDx;
    private final int nx;

    public ScriptedDriver(String id, long seed, int nx, double gridDx) {
        this.id = id;
        this.seed = seed;
        this.nx = nx;
        this.gridDx = gridDx;
    }

    /** Misbehave at the pixel nearest to position index {@code index} (j·nx + i on a grid at origin 0). */
    public ScriptedDriver misbehaveAt(int index, Misbehaviour how) {
        script.put(index, how);
        return this;
    }

    private volatile boolean realSettle;

    /** Makes moves wait their settle time for real, like a positioner does. */
    public ScriptedDriver realSettle(boolean real) {
        this.realSettle = real;
        return this;
    }

    public ScriptedDriver blockSleep(long millis) {
        this.blockSleepMillis = millis;
        return this;
    }

    public ScriptedDriver refuseConnect(boolean refuse) {
        this.refuseConnect = refuse;
        return this;
    }

    public Set<Integer> rampedPixels() {
        return rampedPixels;
    }

    /** Number of ramps run. */
    public int ramps() {
        return ramps.get();
    }

    private int pixelIndex() {
        int i = (int) Math.round(x / gridDx);
        int j = (int) Math.round(y / gridDx);
        return j * nx + i;
    }

    /** The deterministic onset bias of a position, V (NaN: never nucleates). */
    public double onsetAt(double px, double py) {
        long key = seed * 31 + Math.round(px * 1e10) * 1_000_003L + Math.round(py * 1e10);
        double u = new SplittableRandom(key).nextDouble();
        return u < 0.1 ? Double.NaN : -3.0 - u;
    }

    @Override
    public InstrumentInfo info() {
        return new InstrumentInfo(id, "scripted " + id, "Onset tests", "ScriptedDriver", "", true);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Map.of(Channel.BIAS, new ChannelSpec(Channel.BIAS, -10, 10, 10.0 / 2048),
                Channel.CURRENT, new ChannelSpec(Channel.CURRENT, -1e-9, 1e-9, 1e-9 / 2048),
                Channel.HEIGHT, new ChannelSpec(Channel.HEIGHT, -1e-6, 1e-6, 1e-12)), new BiasLimits(-10, 10, 100),
                1e6, false, true, true);
    }

    @Override
    public InstrumentStatus status() {
        return status;
    }

    @Override
    public void connect() {
        setStatus(refuseConnect ? InstrumentStatus.of(State.OFFLINE, "cable unplugged (scripted)")
                : InstrumentStatus.of(State.ONLINE, ""));
    }

    @Override
    public void disconnect() {
        bias = 0;
        setStatus(InstrumentStatus.of(State.OFFLINE, ""));
    }

    private void setStatus(InstrumentStatus s) {
        status = s;
        listeners.forEach(l -> l.statusChanged(info(), s));
    }

    @Override
    public void setBias(double volts) {
        capabilities().biasLimits().check("bias", volts);
        bias = volts;
    }

    @Override
    public double bias() {
        return bias;
    }

    @Override
    public RampOutcome ramp(RampRequest request, SampleSink sink) {
        request.checkAgainst(capabilities());
        aborted = false;
        int pixel = pixelIndex();
        rampedPixels.add(pixel);
        ramps.incrementAndGet();
        rampStarted.countDown();
        Misbehaviour how = script.get(pixel);
        double onset = onsetAt(x, y);
        CutoffRule.Evaluator rule = request.cutoff().arm();
        int n = request.sampleCount();
        double rate = request.sampleRateHz();
        int block = Math.max(1, (int) (rate / 100)); // 10 ms blocks
        int overshootSamples = (int) Math.ceil(0.015 * rate); // the software loop's latency, 15 ms
        int firedAt = -1;
        CutoffEvent event = null;
        double startHeight = 5e-9;
        double nucleatedAt = Double.NaN;
        for (int first = 0; first < n; first += block) {
            int m = Math.min(block, n - first);
            if (firedAt >= 0) {
                m = Math.min(m, firedAt + overshootSamples + 1 - first);
                if (m <= 0) {
                    break;
                }
            }
            double[] t = new double[m];
            double[] v = new double[m];
            double[] c = new double[m];
            double[] z = new double[m];
            for (int k = 0; k < m; k++) {
                int s = first + k;
                t[k] = s / rate;
                v[k] = request.biasAt(t[k]);
                bias = v[k];
                boolean past = !Double.isNaN(onset) && v[k] <= onset;
                if (past && Double.isNaN(nucleatedAt)) {
                    nucleatedAt = t[k];
                }
                double since = past ? t[k] - nucleatedAt : 0;
                c[k] = past ? -40e-12 * Math.min(1, since / 0.002) : 0;
                z[k] = startHeight + (past ? 0.6e-9 + since * 200e-9 : 0);
                if (firedAt < 0 && rule.offer(c[k], z[k] - startHeight)) {
                    firedAt = s;
                    event = new CutoffEvent(rule.firedBy(), request.cutoff().describe(), s, t[k], v[k], c[k],
                            z[k] - startHeight);
                }
            }
            sink.accept(new SampleBlock(first, t, v, c, z));
            if (how != null && first + m >= n / 2) {
                misbehave(how);
                if (how == Misbehaviour.FAULT) {
                    bias = 0;
                    setStatus(InstrumentStatus.of(State.FAULT, "scripted fault"));
                    return new RampOutcome(Termination.FAULT, null, first + m, t[m - 1], "scripted fault");
                }
            }
            sleepBlock();
            if (aborted) {
                bias = 0;
                return new RampOutcome(Termination.ABORTED, null, first + m, t[m - 1], "");
            }
        }
        bias = 0;
        int samples = firedAt >= 0 ? Math.min(n, firedAt + overshootSamples + 1) : n;
        double duration = (samples - 1) / rate;
        return event != null ? new RampOutcome(Termination.CUTOFF, event, samples, duration, "")
                : new RampOutcome(Termination.COMPLETED, null, samples, duration, "");
    }

    private void misbehave(Misbehaviour how) {
        switch (how) {
        case THROW -> {
            bias = 0; // a driver that throws is still expected to leave the output safe; the sweep aborts anyway
            throw new IllegalStateException("scripted driver error: DAQ buffer overflow");
        }
        case HANG -> {
            // never returns (until the watchdog interrupts the worker)
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hung");
            }
        }
        default -> {
        }
        }
    }

    private void sleepBlock() {
        long ms = blockSleepMillis;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                aborted = true;
            }
        }
    }

    @Override
    public void abort() {
        abortCalls++;
        aborted = true;
        bias = 0;
    }

    @Override
    public Optional<Positioner> positioner() {
        return Optional.of(new Positioner() {
            @Override
            public double rangeX() {
                return 10e-6;
            }

            @Override
            public double rangeY() {
                return 10e-6;
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
            public void moveTo(double nx, double ny, double settleSeconds) {
                x = nx;
                y = ny;
                if (realSettle && settleSeconds > 0) {
                    try {
                        Thread.sleep((long) (settleSeconds * 1000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
    }

    @Override
    public Optional<TopographyScanner> topography() {
        return Optional.of((x0, y0, dx, dy, sx, sy) -> {
            double[] h = new double[sx * sy];
            for (int k = 0; k < h.length; k++) {
                h[k] = 1e-9 * Math.sin(k * 0.1);
            }
            return new TopographyImage(sx, sy, x0, y0, dx, dy, h);
        });
    }

    @Override
    public void addStatusListener(StatusListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeStatusListener(StatusListener listener) {
        listeners.remove(listener);
    }
}
