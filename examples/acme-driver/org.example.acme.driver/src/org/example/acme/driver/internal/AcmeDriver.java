package org.example.acme.driver.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.onset.instrument.api.NotConnectedException;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.api.StatusListener;
import org.onset.instrument.api.TopographyScanner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * An example third-party driver, written against Onset's driver SDK only (the driver API and the
 * conformance suite): a source-measure unit whose "cell" is a resistor, with a virtual XY stage.
 * The current is V/R, digitised to 1 pA; the bias to 0.1 mV. One instance per factory configuration
 * of {@value #PID}; activation touches no hardware, {@link #connect()} does.
 */
@Component(service = InstrumentDriver.class, configurationPid = AcmeDriver.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class AcmeDriver implements InstrumentDriver {

    public static final String PID = "org.example.acme.driver";
    static final double BIAS_STEP = 1e-4;     // V, DAC/ADC resolution of the bias
    static final double CURRENT_STEP = 1e-12; // A, ADC resolution of the current
    static final double CURRENT_RANGE = 1e-6; // A
    static final int BLOCK = 100;             // samples per delivered block

    private final InstrumentInfo info;
    private final double ohms;
    private final boolean realTime;
    private final double faultAfter;
    private final boolean cellPlugged;
    /** Set when the configuration is deleted: the instance never connects again. */
    private volatile boolean stopped;
    private final Capabilities capabilities;
    private final AcmeStage stage;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    /** Guards bias against a ramp writing it after abort() zeroed it. */
    private final Object output = new Object();
    private volatile InstrumentStatus status = InstrumentStatus.of(State.OFFLINE, "not connected");
    private volatile double bias;
    private volatile boolean abortRequested;

    @Activate
    public AcmeDriver(Map<String, Object> settings) {
        String id = String.valueOf(settings.getOrDefault(INSTRUMENT_ID, "acme"));
        this.ohms = number(settings, "resistance", 1e9);
        this.realTime = Boolean.parseBoolean(String.valueOf(settings.getOrDefault("realTime", "false")));
        this.faultAfter = number(settings, "fault.after", 0);
        this.cellPlugged = Boolean.parseBoolean(String.valueOf(settings.getOrDefault("cell.plugged", "true")));
        if (!(ohms > 0) || !Double.isFinite(ohms)) {
            throw new IllegalArgumentException("resistance must be a finite value > 0 ohm, got " + ohms);
        }
        info = new InstrumentInfo(id, "Acme dummy-cell SMU (" + id + ")", "Acme Instruments", "DC-1", "0001", true);
        capabilities = new Capabilities(Map.of(
                Channel.BIAS, new ChannelSpec(Channel.BIAS, -5, 5, BIAS_STEP),
                Channel.CURRENT, new ChannelSpec(Channel.CURRENT, -CURRENT_RANGE, CURRENT_RANGE, CURRENT_STEP)),
                new BiasLimits(-5, 5, 100), 100_000, false, true, false);
        stage = new AcmeStage(this::requireConnected, realTime);
    }

    private static double number(Map<String, Object> settings, String key, double fallback) {
        Object v = settings.get(key);
        return v == null ? fallback : v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
    }

    /** The configuration was deleted: the instance stays usable as an OFFLINE instrument at 0 V. */
    @Deactivate
    void deactivate() {
        stopped = true;
        abort();
        setStatus(State.OFFLINE, "configuration deleted");
    }

    @Override
    public InstrumentInfo info() {
        return info;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public InstrumentStatus status() {
        return status;
    }

    @Override
    public void connect() {
        if (stopped) {
            setStatus(State.OFFLINE, "configuration deleted: this instance does not connect again");
            return;
        }
        if (!cellPlugged) {
            setStatus(State.OFFLINE, "no dummy cell plugged in (setting cell.plugged=false)");
            return;
        }
        if (status.state() == State.OFFLINE || status.state() == State.FAULT) {
            setStatus(State.ONLINE, "connected to the dummy cell (" + ohms + " ohm)");
        }
    }

    @Override
    public void disconnect() {
        zeroBias();
        if (status.state() != State.OFFLINE) {
            setStatus(State.OFFLINE, "disconnected");
        }
    }

    @Override
    public void setBias(double volts) {
        requireConnected();
        capabilities.biasLimits().check("bias", volts);
        synchronized (output) {
            bias = quantize(volts, BIAS_STEP);
        }
    }

    @Override
    public double bias() {
        return bias;
    }

    @Override
    public RampOutcome ramp(RampRequest request, SampleSink sink) {
        requireConnected();
        request.checkAgainst(capabilities); // limits, rates, sample rate, rules on absent channels
        abortRequested = false;
        setStatus(State.BUSY, "ramping");
        CutoffRule.Evaluator rule = request.cutoff().arm();
        int n = request.sampleCount();
        double rate = request.sampleRateHz();
        long start = System.nanoTime();
        int done = 0;
        try {
            while (done < n) {
                if (abortRequested) {
                    return end(Termination.ABORTED, null, done, rate, "", State.ONLINE, "aborted");
                }
                if (faultAfter > 0 && done / rate >= faultAfter) {
                    return end(Termination.FAULT, null, done, rate, "simulated fault " + faultAfter + " s into the ramp",
                            State.FAULT, "simulated fault");
                }
                int size = Math.min(BLOCK, n - done);
                double[] t = new double[size];
                double[] v = new double[size];
                double[] i = new double[size];
                int fired = -1;
                for (int k = 0; k < size; k++) {
                    t[k] = (done + k) / rate;
                    v[k] = quantize(request.biasAt(t[k]), BIAS_STEP);
                    i[k] = Math.max(-CURRENT_RANGE, Math.min(CURRENT_RANGE, quantize(v[k] / ohms, CURRENT_STEP)));
                    if (fired < 0 && rule.offer(i[k], Double.NaN)) {
                        fired = k;
                        break;
                    }
                }
                int deliver = fired < 0 ? size : fired + 1;
                synchronized (output) {
                    if (!abortRequested) {
                        bias = v[deliver - 1];
                    }
                }
                sink.accept(new SampleBlock(done, java.util.Arrays.copyOf(t, deliver), java.util.Arrays.copyOf(v, deliver),
                        java.util.Arrays.copyOf(i, deliver), null));
                if (fired >= 0) {
                    int index = done + fired;
                    CutoffEvent e = new CutoffEvent(rule.firedBy(), request.cutoff().describe(), index, t[fired], v[fired],
                            i[fired], Double.NaN);
                    return end(Termination.CUTOFF, e, index + 1, rate, "", State.ONLINE, "cutoff");
                }
                done += deliver;
                if (realTime) {
                    long due = start + (long) (done / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            return end(Termination.COMPLETED, null, n, rate, "", State.ONLINE, "ramp completed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return end(Termination.ABORTED, null, done, rate, "", State.ONLINE, "interrupted");
        } catch (RuntimeException e) {
            // whatever broke, the output goes to 0 V and the ramp ends as a fault, never an exception
            return end(Termination.FAULT, null, done, rate, e.toString(), State.FAULT, e.toString());
        }
    }

    private RampOutcome end(Termination termination, CutoffEvent cutoff, int samples, double rate, String fault,
            State after, String reason) {
        zeroBias();
        setStatus(after, reason);
        double duration = samples == 0 ? 0 : (samples - 1) / rate;
        return new RampOutcome(termination, cutoff, samples, duration, fault);
    }

    @Override
    public void abort() {
        synchronized (output) {
            abortRequested = true;
            bias = 0;
        }
    }

    @Override
    public Optional<Positioner> positioner() {
        return Optional.of(stage);
    }

    @Override
    public Optional<TopographyScanner> topography() {
        return Optional.empty();
    }

    @Override
    public void addStatusListener(StatusListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeStatusListener(StatusListener listener) {
        listeners.remove(listener);
    }

    private void zeroBias() {
        synchronized (output) {
            bias = 0;
        }
    }

    private void requireConnected() {
        State s = status.state();
        if (s != State.ONLINE && s != State.BUSY) {
            throw new NotConnectedException(info.id() + " is not connected (" + status.state() + ": " + status.reason()
                    + "); connect() first");
        }
    }

    private void setStatus(State state, String reason) {
        InstrumentStatus s = InstrumentStatus.of(state, reason);
        status = s;
        for (StatusListener l : listeners) {
            l.statusChanged(info, s);
        }
    }

    private static double quantize(double value, double step) {
        return Math.round(value / step) * step;
    }
}
