package org.onset.instrument.daqmx.internal;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.onset.instrument.api.BiasLimits;
import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentException;
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
import org.onset.instrument.support.BlockCutoff;
import org.onset.instrument.support.DriverStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * An NI DAQ card (the paper's NI-6115) through the NI-DAQmx C library, one instance per factory
 * configuration of {@value DaqmxConfig#PID}. A ramp is two hardware-timed tasks: the current (and
 * height) inputs at the sample rate, and the bias output clocked by the inputs' sample clock
 * ({@code /DevN/ai/SampleClock}), so that output sample k and input sample k belong together. The
 * inputs are read in blocks of {@code block} seconds and the cutoff rule checked on every block;
 * when it fires the output task is stopped and the output set to 0 V by an on-demand write, and
 * the samples generated until the stop are delivered. The cutoff latency is thus one block plus
 * the calls' time (measured by the tests' benchmark).
 *
 * <p>The library is loaded on {@link #connect()}, not on activation: without NI-DAQmx installed
 * the instrument is in FAULT saying so, and nothing else is affected.
 */
@Component(service = InstrumentDriver.class, configurationPid = DaqmxConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class DaqmxInstrument implements InstrumentDriver {

    private final DaqmxConfig config;
    private final InstrumentInfo info;
    private final Capabilities capabilities;
    private final DriverStatus status;
    private final Object lock = new Object();
    /** Serializes what touches the output (stop of the timed task, static writes): abort vs ramp. */
    private final Object outputLock = new Object();
    private volatile NiDaqmx daqmx;
    private volatile Pointer staticOutput;
    private volatile Pointer timedOutput;
    private volatile double outputBias;
    private volatile boolean rampRunning;
    private volatile String stopRequest;
    private volatile boolean deactivated;
    private String onlineReason = "";

    @Activate
    public DaqmxInstrument(Map<String, Object> properties,
            @Reference(service = LoggerFactory.class) Logger logger) {
        config = DaqmxConfig.parse(properties);
        info = new InstrumentInfo(config.instrumentId(), config.name(), "National Instruments",
                "DAQ card " + config.device() + " (NI-DAQmx)", "", false);
        Map<Channel, ChannelSpec> channels = new EnumMap<>(Channel.class);
        double r = config.outputRange();
        channels.put(Channel.BIAS, new ChannelSpec(Channel.BIAS, -r, r, 2 * r / 4096));
        double ir = config.currentRange() / config.currentGain();
        channels.put(Channel.CURRENT, new ChannelSpec(Channel.CURRENT, -ir, ir, 2 * ir / 4096));
        if (config.hasHeight()) {
            double hr = config.heightRange() / config.heightGain();
            channels.put(Channel.HEIGHT, new ChannelSpec(Channel.HEIGHT, -hr, hr, 2 * hr / 4096));
        }
        capabilities = new Capabilities(channels, new BiasLimits(config.minVolts(), config.maxVolts(),
                config.maxRate()), config.maxSampleRateHz(), false, false, false);
        status = new DriverStatus(info, config.valid()
                ? InstrumentStatus.of(State.OFFLINE, "not connected (" + config.device() + ")")
                : InstrumentStatus.of(State.FAULT, config.problemSummary()), logger);
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        disconnectWith("the driver service was stopped");
        status.close();
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
        return status.get();
    }

    // ------------------------------------------------------------------ link

    @Override
    public void connect() {
        if (deactivated) {
            return;
        }
        if (!config.valid()) {
            status.set(State.FAULT, config.problemSummary());
            return;
        }
        synchronized (lock) {
            if (status.get().connected()) {
                return;
            }
            try {
                NiDaqmx lib = library();
                byte[] product = new byte[256];
                check(lib, "DAQmxGetDevProductType", lib.DAQmxGetDevProductType(config.device(), product,
                        product.length));
                clearStatic();
                PointerByReference h = new PointerByReference();
                check(lib, "DAQmxCreateTask", lib.DAQmxCreateTask("", h));
                Pointer task = h.getValue();
                staticOutput = task;
                check(lib, "DAQmxCreateAOVoltageChan", lib.DAQmxCreateAOVoltageChan(task,
                        config.physical(config.biasChannel()), "", -config.outputRange(), config.outputRange(),
                        NiDaqmx.DAQmx_Val_Volts, null));
                check(lib, "DAQmxWriteAnalogScalarF64", lib.DAQmxWriteAnalogScalarF64(task, 1, 1.0, 0, null));
                outputBias = 0;
                onlineReason = "connected to " + text(product) + " " + config.device() + " through NI-DAQmx ("
                        + config.library() + ")";
                status.set(State.ONLINE, onlineReason);
            } catch (UnsatisfiedLinkError e) {
                status.set(State.FAULT, "the NI-DAQmx library '" + config.library() + "' is not installed or "
                        + "cannot be loaded (" + e.getMessage() + "): install NI-DAQmx, or set 'library' to the path "
                        + "of libnidaqmx.so / nicaiu.dll");
            } catch (DaqmxException e) {
                clearStatic();
                status.set(State.FAULT, "cannot open " + config.device() + ": " + e.getMessage());
            }
        }
    }

    private NiDaqmx library() {
        NiDaqmx lib = daqmx;
        if (lib == null) {
            lib = Native.load(config.library(), NiDaqmx.class);
            daqmx = lib;
        }
        return lib;
    }

    @Override
    public void disconnect() {
        if (!config.valid()) {
            return;
        }
        disconnectWith("disconnected");
    }

    private void disconnectWith(String reason) {
        if (rampRunning) {
            stopRequest = "disconnect: " + reason;
        }
        zeroOutput();
        synchronized (lock) {
            if (!rampRunning) {
                clearStatic();
            }
            if (status.state() != State.OFFLINE) {
                status.set(State.OFFLINE, reason);
            }
        }
        outputBias = 0;
    }

    private void clearStatic() {
        Pointer t = staticOutput;
        staticOutput = null;
        if (t != null && daqmx != null) {
            daqmx.DAQmxClearTask(t);
        }
    }

    /** Stops the timed output (if any) and writes 0 V; returns the error, if the card refused. */
    private DaqmxException zeroOutput() {
        outputBias = 0;
        NiDaqmx lib = daqmx;
        if (lib == null) {
            return null;
        }
        synchronized (outputLock) {
            Pointer timed = timedOutput;
            if (timed != null) {
                lib.DAQmxStopTask(timed);
            }
            Pointer s = staticOutput;
            if (s == null) {
                return null;
            }
            try {
                check(lib, "DAQmxWriteAnalogScalarF64", lib.DAQmxWriteAnalogScalarF64(s, 1, 1.0, 0, null));
                return null;
            } catch (DaqmxException e) {
                return e;
            } finally {
                outputBias = 0;
            }
        }
    }

    // ------------------------------------------------------------------ bias

    @Override
    public void setBias(double volts) {
        NiDaqmx lib = requireIdle("set bias");
        capabilities.biasLimits().check("bias", volts);
        synchronized (outputLock) {
            try {
                check(lib, "DAQmxWriteAnalogScalarF64", lib.DAQmxWriteAnalogScalarF64(staticOutput, 1, 1.0, volts,
                        null));
                outputBias = volts;
            } catch (DaqmxException e) {
                fault(e.getMessage());
                throw new NotConnectedException("instrument '" + info.id() + "': " + status.get().reason());
            }
        }
    }

    @Override
    public double bias() {
        return outputBias;
    }

    private NiDaqmx requireIdle(String command) {
        synchronized (lock) {
            InstrumentStatus s = status.get();
            if (s.state() == State.BUSY || rampRunning) {
                throw new InstrumentException("instrument '" + info.id() + "' cannot start '" + command
                        + "': it is busy with '" + s.reason() + "'");
            }
            if (s.state() != State.ONLINE || staticOutput == null) {
                throw new NotConnectedException("instrument '" + info.id() + "' cannot start '" + command
                        + "': it is " + s.state() + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")"));
            }
            return daqmx;
        }
    }

    private void fault(String reason) {
        String safe;
        DaqmxException zero = zeroOutput();
        safe = zero == null ? "; output set to 0 V" : "; the output could NOT be set to 0 V (" + zero.getMessage()
                + "): check the card";
        synchronized (lock) {
            status.set(State.FAULT, reason + safe);
        }
    }

    // ------------------------------------------------------------------ ramp

    @Override
    public RampOutcome ramp(RampRequest request, SampleSink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        requireIdle("ramp");
        request.checkAgainst(capabilities);
        NiDaqmx lib;
        synchronized (lock) {
            lib = requireIdle("ramp");
            rampRunning = true;
            stopRequest = null;
            status.set(State.BUSY, String.format(Locale.ROOT, "ramp from %.3f V, %d segment(s), %.0f Hz, cutoff %s",
                    request.startVolts(), request.segments().size(), request.sampleRateHz(),
                    request.cutoff().describe()));
        }
        try {
            return new RampRun(lib, request, sink).execute();
        } finally {
            outputBias = 0;
            synchronized (lock) {
                rampRunning = false;
                if (status.state() == State.BUSY) {
                    status.set(State.ONLINE, onlineReason);
                } else if (status.state() == State.OFFLINE) {
                    clearStatic(); // disconnect() came during the ramp
                }
            }
        }
    }

    /** One ramp: two hardware-timed tasks and the software cutoff on every block. */
    private final class RampRun {
        private final NiDaqmx lib;
        private final RampRequest request;
        private final SampleSink sink;
        private final int n;
        private final double rate;
        private final double[] program;
        private final int block;
        private final int channels;
        private final BlockCutoff cutoff;
        private Pointer input;
        private Pointer output;
        private int delivered;
        private double lastTime;

        RampRun(NiDaqmx lib, RampRequest request, SampleSink sink) {
            this.lib = lib;
            this.request = request;
            this.sink = sink;
            this.n = request.sampleCount();
            this.rate = request.sampleRateHz();
            double step = capabilities.channel(Channel.BIAS).orElseThrow().resolution();
            program = new double[n];
            for (int k = 0; k < n; k++) {
                program[k] = Math.rint(request.biasAt(k / rate) / step) * step;
            }
            block = Math.max(1, (int) Math.round(config.blockSeconds() * rate));
            channels = config.hasHeight() ? 2 : 1;
            cutoff = new BlockCutoff(request.cutoff());
        }

        RampOutcome execute() {
            try {
                setUp();
                Termination end = null;
                double timeout = block / rate + 1.0;
                while (end == null) {
                    read(Math.min(block, n - delivered), timeout, true);
                    if (cutoff.fired()) {
                        end = Termination.CUTOFF;
                    } else if (delivered >= n) {
                        end = Termination.COMPLETED;
                    } else if (stopRequest != null) {
                        end = Termination.ABORTED;
                    }
                }
                DaqmxException zero = zeroOutput();
                LongByReference generated = new LongByReference();
                check(lib, "DAQmxGetWriteTotalSampPerChanGenerated",
                        lib.DAQmxGetWriteTotalSampPerChanGenerated(output, generated));
                // the samples acquired while the output still followed the programme
                int upTo = (int) Math.min(n, generated.getValue());
                if (upTo > delivered) {
                    read(upTo - delivered, 1.0, false);
                }
                if (zero != null) {
                    throw zero;
                }
                if (end == Termination.ABORTED && stopRequest.startsWith("disconnect")) {
                    return new RampOutcome(Termination.FAULT, null, delivered, lastTime, stopRequest);
                }
                return new RampOutcome(end, end == Termination.CUTOFF ? cutoff.event() : null, delivered, lastTime,
                        "");
            } catch (DaqmxException e) {
                if (stopRequest != null && stopRequest.startsWith("disconnect")) {
                    zeroOutput();
                    return new RampOutcome(Termination.FAULT, null, delivered, lastTime, stopRequest);
                }
                fault(e.getMessage());
                return new RampOutcome(Termination.FAULT, null, delivered, lastTime, status.get().reason());
            } finally {
                zeroOutput();
                synchronized (outputLock) {
                    timedOutput = null;
                }
                if (output != null) {
                    lib.DAQmxClearTask(output);
                }
                if (input != null) {
                    lib.DAQmxClearTask(input);
                }
            }
        }

        private void setUp() throws DaqmxException {
            PointerByReference h = new PointerByReference();
            check(lib, "DAQmxCreateTask", lib.DAQmxCreateTask("", h));
            input = h.getValue();
            check(lib, "DAQmxCreateAIVoltageChan", lib.DAQmxCreateAIVoltageChan(input,
                    config.physical(config.currentChannel()), "", NiDaqmx.DAQmx_Val_Diff, -config.currentRange(),
                    config.currentRange(), NiDaqmx.DAQmx_Val_Volts, null));
            if (config.hasHeight()) {
                check(lib, "DAQmxCreateAIVoltageChan", lib.DAQmxCreateAIVoltageChan(input,
                        config.physical(config.heightChannel()), "", NiDaqmx.DAQmx_Val_Diff, -config.heightRange(),
                        config.heightRange(), NiDaqmx.DAQmx_Val_Volts, null));
            }
            check(lib, "DAQmxCfgSampClkTiming", lib.DAQmxCfgSampClkTiming(input, "", rate, NiDaqmx.DAQmx_Val_Rising,
                    NiDaqmx.DAQmx_Val_FiniteSamps, n));
            check(lib, "DAQmxCreateTask", lib.DAQmxCreateTask("", h));
            output = h.getValue();
            check(lib, "DAQmxCreateAOVoltageChan", lib.DAQmxCreateAOVoltageChan(output,
                    config.physical(config.biasChannel()), "", -config.outputRange(), config.outputRange(),
                    NiDaqmx.DAQmx_Val_Volts, null));
            check(lib, "DAQmxCfgSampClkTiming", lib.DAQmxCfgSampClkTiming(output,
                    "/" + config.device() + "/ai/SampleClock", rate, NiDaqmx.DAQmx_Val_Rising,
                    NiDaqmx.DAQmx_Val_FiniteSamps, n));
            IntByReference written = new IntByReference();
            check(lib, "DAQmxWriteAnalogF64", lib.DAQmxWriteAnalogF64(output, n, 0, 10.0,
                    NiDaqmx.DAQmx_Val_GroupByChannel, program, written, null));
            synchronized (outputLock) {
                if (stopRequest != null) {
                    throw new DaqmxException("start", 0, "stopped before the start: " + stopRequest);
                }
                timedOutput = output;
                // the output waits for the input's sample clock: start it first
                check(lib, "DAQmxStartTask", lib.DAQmxStartTask(output));
                check(lib, "DAQmxStartTask", lib.DAQmxStartTask(input));
                outputBias = program[0];
            }
        }

        /** Reads {@code m} samples per channel, delivers them and (when {@code check}) offers them to the rule. */
        private void read(int m, double timeout, boolean check) throws DaqmxException {
            double[] buf = new double[m * channels];
            IntByReference got = new IntByReference();
            check(lib, "DAQmxReadAnalogF64", lib.DAQmxReadAnalogF64(input, m, timeout,
                    NiDaqmx.DAQmx_Val_GroupByScanNumber, buf, buf.length, got, null));
            int k = got.getValue();
            if (k <= 0) {
                return;
            }
            double[] t = new double[k];
            double[] v = new double[k];
            double[] i = new double[k];
            double[] h = config.hasHeight() ? new double[k] : null;
            // abort() on another thread may have stopped and zeroed the output during this read:
            // samples from then on were not taken at the programmed bias
            long followed = Long.MAX_VALUE;
            if (stopRequest != null) {
                LongByReference generated = new LongByReference();
                check(lib, "DAQmxGetWriteTotalSampPerChanGenerated",
                        lib.DAQmxGetWriteTotalSampPerChanGenerated(output, generated));
                followed = generated.getValue();
            }
            for (int s = 0; s < k; s++) {
                int index = delivered + s;
                t[s] = index / rate;
                v[s] = index < followed ? program[index] : 0;
                i[s] = buf[s * channels] / config.currentGain();
                if (h != null) {
                    h[s] = buf[s * channels + 1] / config.heightGain();
                }
            }
            SampleBlock b = new SampleBlock(delivered, t, v, i, h);
            delivered += k;
            lastTime = t[k - 1];
            if (stopRequest == null && !cutoff.fired()) {
                outputBias = v[k - 1];
            }
            sink.accept(b);
            if (check) {
                cutoff.offer(b);
            }
        }
    }

    private static void check(NiDaqmx lib, String function, int code) throws DaqmxException {
        if (code < 0) {
            byte[] text = new byte[2048];
            lib.DAQmxGetExtendedErrorInfo(text, text.length);
            throw new DaqmxException(function, code, text(text));
        }
    }

    private static String text(byte[] cString) {
        int end = 0;
        while (end < cString.length && cString[end] != 0) {
            end++;
        }
        return new String(cString, 0, end, StandardCharsets.UTF_8).trim();
    }

    @Override
    public void abort() {
        outputBias = 0;
        if (rampRunning && stopRequest == null) {
            stopRequest = "abort() was called";
        }
        zeroOutput();
    }

    @Override
    public Optional<Positioner> positioner() {
        return Optional.empty();
    }

    @Override
    public Optional<TopographyScanner> topography() {
        return Optional.empty();
    }

    @Override
    public void addStatusListener(StatusListener listener) {
        status.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeStatusListener(StatusListener listener) {
        status.removeListener(listener);
    }
}
