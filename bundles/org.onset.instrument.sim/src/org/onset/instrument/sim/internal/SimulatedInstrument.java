package org.onset.instrument.sim.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.api.StatusListener;
import org.onset.instrument.api.TopographyScanner;
import org.onset.instrument.sim.engine.PixelRun;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;
import org.onset.instrument.sim.internal.Operation.Stop;
import org.onset.instrument.sim.internal.Operation.StopCause;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The simulated LICGC instrument: one instance per factory configuration of
 * {@value #PID}. Updating the configuration re-creates the instance (info and capabilities are
 * constant for the life of a service); deleting it unregisters the driver.
 *
 * <p>Immediate, because the instrument has state worth keeping while no one holds it: the link,
 * and the particles grown on the sample by earlier ramps.
 */
@Component(service = InstrumentDriver.class, configurationPid = SimulatedInstrument.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        // tells tools (org.onset.instrument.registry's InstrumentRegistry.SIMULATED) that no hardware is
        // involved, so that they find the simulator without spelling its PID
        property = "instrument.simulated:Boolean=true")
public final class SimulatedInstrument implements InstrumentDriver {

    /** Factory PID of the simulator's configurations. */
    public static final String PID = "org.onset.instrument.sim";

    /** The settings the driver itself reads; the engine's are {@code SimSettings.specs()}. */
    public static final List<String> DRIVER_SETTINGS = List.of(INSTRUMENT_ID, SimulatorConfig.NAME,
            SimulatorConfig.TIMING, SimulatorConfig.SPEEDUP, SimulatorConfig.BIAS_MIN, SimulatorConfig.BIAS_MAX,
            SimulatorConfig.BIAS_MAX_RATE, SimulatorConfig.MAX_SAMPLE_RATE, SimulatorConfig.HEIGHT_CHANNEL,
            SimulatorConfig.MOVE_SPEED, SimulatorConfig.MOVE_OVERHEAD, SimulatorConfig.SCAN_LINE_TIME,
            SimulatorConfig.SCAN_NOISE, SimulatorConfig.FAULT_AFTER, SimulatorConfig.LINK_LOSS_AFTER,
            SimulatorConfig.HANG_AFTER, SimulatorConfig.CONNECT_FAILS);

    private final SimulatorConfig config;
    private final SimSettings engine;
    private final InstrumentInfo info;
    private final Capabilities capabilities;
    private final SimulatedSample sample;
    private final PixelSimulator simulator;
    private final InstrumentState state;
    private final Pacer pacer;
    private final InstrumentClock clock = new InstrumentClock();
    private final SimPositioner positioner;
    private final SimTopographyScanner scanner;
    private volatile double outputBias;
    private volatile PixelRun lastRun;
    private volatile boolean deactivated;

    /** @param logger where FAULT transitions are logged, with the instrument id and the reason */
    @Activate
    public SimulatedInstrument(Map<String, Object> properties,
            @Reference(service = LoggerFactory.class) Logger logger) {
        SimulatorConfig parsed = SimulatorConfig.parse(properties);
        SimSettings settings = parsed.engine();
        SimulatedSample built;
        PixelSimulator pixels;
        try {
            built = SimulatedSample.generate(settings);
            pixels = new PixelSimulator(settings, built);
        } catch (RuntimeException e) {
            // activation must not fail on settings: fall back to the defaults and report the problem
            parsed = parsed.withProblem("the simulator cannot be built from these settings: " + e.getMessage());
            settings = SimSettings.defaults();
            built = SimulatedSample.generate(settings);
            pixels = new PixelSimulator(settings, built);
        }
        simulator = pixels;
        config = parsed;
        engine = settings;
        sample = built;
        long seed = engine.sampleSeed();
        info = new InstrumentInfo(config.instrumentId(), config.name(), "Onset",
                "simulated LICGC nucleation cell (Sci. Rep. 3, 1621)", "sample seed " + seed, true);
        capabilities = SimCapabilities.of(config, engine);
        state = new InstrumentState(info, config.valid() ? InstrumentStatus.of(State.OFFLINE, "not connected")
                : InstrumentStatus.of(State.FAULT, config.problemSummary()), logger);
        pacer = new Pacer(config.timing(), config.speedup());
        positioner = new SimPositioner(state, pacer, clock, sample.width(), sample.height(), config);
        scanner = new SimTopographyScanner(state, pacer, sample, positioner, clock, config.scanNoise(),
                config.scanLineTime(), seed);
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        // bias first: whoever hears OFFLINE may rely on 0 V at the output
        outputBias = 0;
        Operation op = state.shutDown("the simulator service was stopped");
        if (op != null) {
            op.requestStop(StopCause.DISCONNECT, "the simulator service was stopped");
            // let the command unwind so no thread is left inside a deactivated instance
            op.awaitFinished(2000);
        }
        outputBias = 0;
        state.close();
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
        return state.status();
    }

    @Override
    public void connect() {
        if (deactivated) {
            return; // a stale reference to a stopped service: it stays OFFLINE
        }
        if (!config.valid()) {
            state.set(State.FAULT, config.problemSummary());
            return;
        }
        state.connect("connected to the simulated sample (" + config.timing().key() + " timing, sample seed "
                + engine.sampleSeed() + ")",
                () -> config.faults().connectFails() ? "connection failed (simulated: connect.fail = true)" : null);
    }

    @Override
    public void disconnect() {
        if (!config.valid()) {
            return;
        }
        outputBias = 0;
        Operation op = state.disconnect("disconnected");
        if (op != null) {
            op.requestStop(StopCause.DISCONNECT, "disconnect() was called during '" + op.description() + "'");
        }
        // again: a running ramp may have written its last bias before it saw the stop
        outputBias = 0;
    }

    @Override
    public void setBias(double volts) {
        state.requireIdle("set bias");
        capabilities.biasLimits().check("bias", volts);
        outputBias = volts;
    }

    @Override
    public double bias() {
        return outputBias;
    }

    @Override
    public RampOutcome ramp(RampRequest request, SampleSink sink) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        state.requireIdle("ramp");
        request.checkAgainst(capabilities);
        // the pixel's random stream follows the commanded position (reproducible per map pixel); the
        // physics happens where the drifted tip really is
        double x = positioner.x();
        double y = positioner.y();
        double tipX = positioner.tipX();
        double tipY = positioner.tipY();
        Operation op = state.begin(String.format("ramp at (%.4g, %.4g) m: %.3f V, %d segment(s), %.0f Hz, cutoff %s",
                x, y, request.startVolts(), request.segments().size(), request.sampleRateHz(),
                request.cutoff().describe()));
        RampStream stream = new RampStream(op, sink, pacer, config.faults(), config.heightChannel(),
                v -> outputBias = v);
        State next = State.ONLINE;
        String reason = "";
        try {
            PixelRun run;
            try {
                run = simulator.run(tipX, tipY, request, PixelSimulator.pixelSeed(engine.sampleSeed(), x, y),
                        stream, stream::stopRequested, true);
            } catch (RuntimeException e) {
                if (stream.consumerFailed()) {
                    throw e;
                }
                // a simulator failure is an instrument fault for the caller, never a crash of its loop
                op.requestStop(StopCause.FAULT, "simulator error: " + e);
                run = null;
            }
            lastRun = run;
            Stop stop = op.stop();
            if (stop != null) {
                next = switch (stop.cause()) {
                    case ABORT -> State.ONLINE;
                    case FAULT -> State.FAULT;
                    case LINK_LOST, DISCONNECT -> State.OFFLINE;
                };
                reason = stop.cause() == StopCause.ABORT ? "" : stop.reason();
            }
            return conclude(run, stop, stream);
        } finally {
            outputBias = 0;
            clock.advance(stream.lastTime());
            state.end(op, next, reason);
        }
    }

    /** The engine's outcome, unless a stop request cut the ramp short: then the stop says how it ended. */
    private RampOutcome conclude(PixelRun run, Stop stop, RampStream stream) {
        RampOutcome own = run == null ? null : run.outcome();
        boolean endedOnItsOwn = own != null && own.termination() != Termination.ABORTED
                && own.samples() == stream.delivered();
        if (stop == null || endedOnItsOwn) {
            return own == null ? null : withoutHeightIfAbsent(own);
        }
        if (stop.cause() == StopCause.ABORT) {
            return new RampOutcome(Termination.ABORTED, null, stream.delivered(), stream.lastTime(), "");
        }
        return new RampOutcome(Termination.FAULT, null, stream.delivered(), stream.lastTime(), stop.reason());
    }

    private RampOutcome withoutHeightIfAbsent(RampOutcome o) {
        if (config.heightChannel() || o.cutoff() == null) {
            return o;
        }
        CutoffEvent e = o.cutoff();
        return new RampOutcome(o.termination(), new CutoffEvent(e.rule(), e.description(), e.sampleIndex(), e.time(),
                e.bias(), e.current(), Double.NaN), o.samples(), o.durationSeconds(), o.faultReason());
    }

    @Override
    public void abort() {
        Operation op = state.running();
        if (op != null) {
            op.requestStop(StopCause.ABORT, "abort() was called");
        }
        outputBias = 0;
    }

    @Override
    public Optional<Positioner> positioner() {
        return Optional.of(positioner);
    }

    @Override
    public Optional<TopographyScanner> topography() {
        return Optional.of(scanner);
    }

    @Override
    public void addStatusListener(StatusListener listener) {
        state.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeStatusListener(StatusListener listener) {
        state.removeListener(listener);
    }

    /** The simulated sample, for tests and demos that need to know where the AlPO4 grains are. */
    public SimulatedSample sample() {
        return sample;
    }

    /** The engine's record of the last ramp (onset, deposited volume, charge), when there was one. */
    public Optional<PixelRun> lastRun() {
        return Optional.ofNullable(lastRun);
    }
}
