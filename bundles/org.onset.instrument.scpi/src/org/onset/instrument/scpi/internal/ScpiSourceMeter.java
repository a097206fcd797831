package org.onset.instrument.scpi.internal;

import java.io.IOException;
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
import org.onset.instrument.api.LimitExceededException;
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

/**
 * A SCPI source-measure unit (Keithley 2400/2450 style) on a raw TCP socket, one instance per
 * factory configuration of {@value ScpiConfig#PID}. It sources the bias as a hardware-timed list
 * sweep (one list point per sample, trigger timer = sample interval), measures the current with a
 * current compliance, and fetches the reading buffer every {@code poll.interval} while the sweep
 * runs, checking the cutoff rule on each fetched block: a software cutoff, whose latency is the
 * poll interval plus one round trip.
 *
 * <p>Dialect (what {@code ramp} sends): {@code :ABOR}, {@code :TRAC:CLE},
 * {@code :SOUR:LIST:VOLT v,…} then {@code :SOUR:LIST:VOLT:APP v,…} in chunks, {@code :TRIG:TIM dt},
 * {@code :TRIG:COUN n}, {@code :SYST:ERR?}, {@code :INIT}; during the sweep {@code :TRAC:ACT?} and
 * {@code :TRAC:DATA? a,b} (readings as relative time, source value, current); on cutoff or abort
 * {@code :ABOR} and {@code :SOUR:VOLT 0}. A real instrument's manual must be checked against this
 * list; the emulator of the tests speaks exactly this.
 *
 * <p>There is no height channel: a cutoff rule that needs one is refused before anything is sent.
 * There is no positioner either, so a map on this instrument has one pixel.
 *
 * <p>Immediate: the open link is state worth keeping while no one holds the service.
 */
@Component(service = InstrumentDriver.class, configurationPid = ScpiConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class ScpiSourceMeter implements InstrumentDriver {

    /** Programming resolution of the bias (0.5 mV, a 20 V source range). */
    static final double BIAS_STEP = 0.5e-3;
    /** Values per list command, so that no command line gets huge. */
    private static final int LIST_CHUNK = 200;

    private final ScpiConfig config;
    private final InstrumentInfo info;
    private final Capabilities capabilities;
    private final DriverStatus status;
    private final Object lock = new Object();
    private volatile ScpiLink link;
    private volatile double outputBias;
    private volatile boolean rampRunning;
    private volatile String stopRequest;
    private volatile boolean deactivated;
    private String onlineReason = "";

    @Activate
    public ScpiSourceMeter(Map<String, Object> properties,
            @Reference(service = LoggerFactory.class) Logger logger) {
        config = ScpiConfig.parse(properties);
        info = new InstrumentInfo(config.instrumentId(), config.name(), "SCPI",
                "source-measure unit at " + config.address(), "", false);
        double iMax = config.complianceAmps() * 1.05;
        capabilities = new Capabilities(Map.of(
                Channel.BIAS, new ChannelSpec(Channel.BIAS, -210, 210, BIAS_STEP),
                Channel.CURRENT, new ChannelSpec(Channel.CURRENT, -iMax, iMax, 1e-14)),
                new BiasLimits(config.minVolts(), config.maxVolts(), config.maxRate()), config.maxSampleRateHz(),
                false, false, false);
        status = new DriverStatus(info, config.valid()
                ? InstrumentStatus.of(State.OFFLINE, "not connected (" + config.address() + ")")
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
            closeLink();
            ScpiLink l = null;
            try {
                l = ScpiLink.open(config.host(), config.port(), config.timeoutSeconds());
                String idn = l.query("*IDN?");
                String[] parts = idn.split(",");
                if (parts.length < 4 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new ScpiReplyException("*IDN?", idn, "not 'maker,model,serial,firmware'");
                }
                l.write("*RST");
                l.write(":SOUR:FUNC VOLT");
                l.write(":SENS:FUNC \"CURR\"");
                l.write(":SOUR:VOLT:ILIM " + number(config.complianceAmps()));
                l.write(":SOUR:VOLT 0");
                l.write(":OUTP ON");
                checkNoError(l, "setting up the source");
                link = l;
                outputBias = 0;
                onlineReason = "connected to " + parts[0].trim() + " " + parts[1].trim() + " s/n " + parts[2].trim()
                        + " at " + config.address() + ", compliance " + config.complianceAmps() + " A";
                status.set(State.ONLINE, onlineReason);
            } catch (IOException e) {
                if (l != null) {
                    l.close();
                }
                status.set(State.FAULT, "cannot connect to the source-measure unit at " + config.address() + ": "
                        + e.getMessage());
            }
        }
    }

    @Override
    public void disconnect() {
        if (!config.valid()) {
            return;
        }
        disconnectWith("disconnected");
    }

    private void disconnectWith(String reason) {
        outputBias = 0;
        ScpiLink l = link;
        if (rampRunning) {
            stopRequest = "disconnect: " + reason;
        }
        if (l != null) {
            try {
                l.write(":ABOR");
                l.write(":SOUR:VOLT 0");
                l.write(":OUTP OFF");
            } catch (IOException e) {
                // the link is gone already: nothing more can be sent
            }
        }
        synchronized (lock) {
            closeLink();
            if (status.state() != State.OFFLINE) {
                status.set(State.OFFLINE, reason);
            }
        }
        outputBias = 0;
    }

    private void closeLink() {
        ScpiLink l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }

    @Override
    public void setBias(double volts) {
        ScpiLink l = requireIdle("set bias");
        capabilities.biasLimits().check("bias", volts);
        try {
            l.write(":SOUR:VOLT " + number(volts));
            outputBias = volts;
        } catch (IOException e) {
            lost("link lost while setting the bias: " + e.getMessage());
            throw new NotConnectedException("instrument '" + info.id() + "': " + status.get().reason());
        }
    }

    @Override
    public double bias() {
        return outputBias;
    }

    private ScpiLink requireIdle(String command) {
        synchronized (lock) {
            InstrumentStatus s = status.get();
            ScpiLink l = link;
            if (s.state() == State.BUSY || rampRunning) {
                throw new InstrumentException("instrument '" + info.id() + "' cannot start '" + command
                        + "': it is busy with '" + s.reason() + "'");
            }
            if (s.state() != State.ONLINE || l == null) {
                throw new NotConnectedException("instrument '" + info.id() + "' cannot start '" + command
                        + "': it is " + s.state() + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")"));
            }
            return l;
        }
    }

    @Override
    public RampOutcome ramp(RampRequest request, SampleSink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        requireIdle("ramp");
        if (request.cutoff().needs(Channel.HEIGHT)) {
            throw new LimitExceededException("the cutoff rule '" + request.cutoff().describe() + "' needs a height "
                    + "channel, which instrument '" + info.id() + "' (a source-measure unit) does not have: it "
                    + "measures bias and current only; use a current rule");
        }
        request.checkAgainst(capabilities);
        ScpiLink l;
        synchronized (lock) {
            l = requireIdle("ramp");
            rampRunning = true;
            stopRequest = null;
            status.set(State.BUSY, String.format(Locale.ROOT, "ramp from %.3f V, %d segment(s), %.0f Hz, cutoff %s",
                    request.startVolts(), request.segments().size(), request.sampleRateHz(),
                    request.cutoff().describe()));
        }
        RampRun run = new RampRun(request, sink, l);
        try {
            return run.execute();
        } finally {
            outputBias = 0;
            synchronized (lock) {
                rampRunning = false;
                if (status.state() == State.BUSY) {
                    status.set(State.ONLINE, onlineReason);
                }
            }
        }
    }

    /** One hardware-timed list sweep and its software cutoff. */
    private final class RampRun {
        private final RampRequest request;
        private final SampleSink sink;
        private final ScpiLink l;
        private final int n;
        private final double dt;
        private final BlockCutoff cutoff;
        private int delivered;
        private double lastTime;

        RampRun(RampRequest request, SampleSink sink, ScpiLink l) {
            this.request = request;
            this.sink = sink;
            this.l = l;
            this.n = request.sampleCount();
            this.dt = 1 / request.sampleRateHz();
            this.cutoff = new BlockCutoff(request.cutoff());
        }

        RampOutcome execute() {
            boolean outputSafe = false;
            try {
                program();
                long deadline = System.nanoTime()
                        + (long) ((n * dt + Math.max(1.0, 2 * config.timeoutSeconds())) * 1e9);
                Termination end = null;
                while (end == null) {
                    fetch(true);
                    if (cutoff.fired()) {
                        end = Termination.CUTOFF;
                    } else if (delivered >= n) {
                        end = Termination.COMPLETED;
                    } else if (stopRequest != null) {
                        end = Termination.ABORTED;
                    } else if (System.nanoTime() > deadline) {
                        throw new IOException("the instrument stopped acquiring: " + delivered + " of " + n
                                + " readings after the programmed " + String.format(Locale.ROOT, "%.3f", n * dt)
                                + " s");
                    } else {
                        sleep(config.pollSeconds());
                    }
                }
                // stop the source first, then collect what it acquired until it stopped
                l.write(":ABOR");
                l.write(":SOUR:VOLT 0");
                outputBias = 0;
                outputSafe = true;
                if (end != Termination.COMPLETED) {
                    fetch(false);
                }
                if (end == Termination.ABORTED && stopRequest.startsWith("disconnect")) {
                    return new RampOutcome(Termination.FAULT, null, delivered, lastTime, stopRequest);
                }
                return new RampOutcome(end, end == Termination.CUTOFF ? cutoff.event() : null, delivered, lastTime,
                        "");
            } catch (IOException e) {
                String why = stopRequest != null && stopRequest.startsWith("disconnect") ? stopRequest
                        : e.getMessage();
                if (stopRequest == null || !stopRequest.startsWith("disconnect")) {
                    outputSafe = true; // lost() zeroes the output over a fresh connection, or says it could not
                    why = lost((e instanceof ScpiReplyException ? "" : "link lost during the ramp: ") + e.getMessage());
                }
                return new RampOutcome(Termination.FAULT, null, delivered, lastTime, why);
            } finally {
                if (!outputSafe) {
                    // the sink threw, or an error escaped: the output must not stay at the ramp's bias
                    try {
                        l.write(":ABOR");
                        l.write(":SOUR:VOLT 0");
                    } catch (IOException e) {
                        lost("link lost while stopping the ramp: " + e.getMessage());
                    }
                }
            }
        }

        private void program() throws IOException {
            l.write(":ABOR");
            l.write(":TRAC:CLE");
            StringBuilder cmd = new StringBuilder(":SOUR:LIST:VOLT ");
            for (int k = 0; k < n; k++) {
                if (k > 0 && k % LIST_CHUNK == 0) {
                    l.write(cmd.toString());
                    cmd.setLength(0);
                    cmd.append(":SOUR:LIST:VOLT:APP ");
                } else if (k > 0) {
                    cmd.append(',');
                }
                cmd.append(number(Math.rint(request.biasAt(k * dt) / BIAS_STEP) * BIAS_STEP));
            }
            l.write(cmd.toString());
            l.write(":TRIG:TIM " + number(dt));
            l.write(":TRIG:COUN " + n);
            checkNoError(l, "programming the sweep");
            l.write(":INIT");
            outputBias = request.startVolts();
        }

        /** Fetches and delivers every new reading; {@code check}: offer them to the cutoff rule. */
        private void fetch(boolean check) throws IOException {
            String cmd = ":TRAC:ACT?";
            String reply = l.query(cmd);
            int available;
            try {
                available = Integer.parseInt(reply.trim());
            } catch (NumberFormatException e) {
                throw new ScpiReplyException(cmd, reply, "not a reading count");
            }
            if (available < delivered || available > n) {
                throw new ScpiReplyException(cmd, reply, "count outside " + delivered + " … " + n);
            }
            if (available == delivered) {
                return;
            }
            String query = ":TRAC:DATA? " + (delivered + 1) + "," + available;
            String data = l.query(query);
            String[] f = data.split(",");
            int m = available - delivered;
            if (f.length != 3 * m) {
                throw new ScpiReplyException(query, data, "expected " + 3 * m + " values, got " + f.length);
            }
            double[] t = new double[m];
            double[] v = new double[m];
            double[] i = new double[m];
            try {
                for (int k = 0; k < m; k++) {
                    t[k] = finite(f[3 * k]);
                    v[k] = finite(f[3 * k + 1]);
                    i[k] = finite(f[3 * k + 2]);
                }
            } catch (NumberFormatException e) {
                throw new ScpiReplyException(query, data, e.getMessage());
            }
            SampleBlock block = new SampleBlock(delivered, t, v, i, null);
            delivered = available;
            lastTime = t[m - 1];
            if (!cutoff.fired() && stopRequest == null) {
                outputBias = v[m - 1];
            }
            sink.accept(block);
            if (check) {
                cutoff.offer(block);
            }
        }
    }

    /**
     * The link was lost or the instrument answered garbage: closes the link, sets the output to 0 V
     * over a fresh connection (the instrument may still be sourcing the ramp's bias) and goes FAULT.
     *
     * @return the reason, including whether the output could be zeroed
     */
    private String lost(String why) {
        outputBias = 0;
        synchronized (lock) {
            closeLink();
        }
        String safe;
        try (ScpiLink fresh = ScpiLink.open(config.host(), config.port(), config.timeoutSeconds())) {
            fresh.write(":ABOR");
            fresh.write(":SOUR:VOLT 0");
            fresh.write(":OUTP OFF");
            fresh.query("*OPC?");
            safe = "; output set to 0 V and off over a new connection";
        } catch (IOException e) {
            safe = "; the output could NOT be set to 0 V (" + e.getMessage() + "): check the instrument";
        }
        String reason = why + safe;
        status.set(State.FAULT, reason);
        return reason;
    }

    private static void checkNoError(ScpiLink l, String what) throws IOException {
        String cmd = ":SYST:ERR?";
        String reply = l.query(cmd);
        int comma = reply.indexOf(',');
        int code;
        try {
            code = Integer.parseInt((comma < 0 ? reply : reply.substring(0, comma)).trim());
        } catch (NumberFormatException e) {
            throw new ScpiReplyException(cmd, reply, "not 'code,\"message\"'");
        }
        if (code != 0) {
            throw new ScpiReplyException(cmd, reply, "the instrument reports an error while " + what);
        }
    }

    private static double finite(String s) {
        double d = Double.parseDouble(s.trim());
        if (!Double.isFinite(d)) {
            throw new NumberFormatException("'" + s.trim() + "' is not a finite number");
        }
        return d;
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%.9g", d);
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep(Math.max(1, Math.round(seconds * 1000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void abort() {
        outputBias = 0;
        if (rampRunning && stopRequest == null) {
            stopRequest = "abort() was called";
        }
        ScpiLink l = link;
        if (l != null) {
            try {
                l.write(":ABOR");
                l.write(":SOUR:VOLT 0");
            } catch (IOException e) {
                // the ramp loop (if any) sees the same broken link and reports it
            }
        }
        outputBias = 0;
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
