package org.onset.instrument.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.onset.instrument.api.BiasLimits;
import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.LimitExceededException;
import org.onset.instrument.api.NotConnectedException;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.RampSegment;
import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.api.TopographyScanner;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The contract of {@link InstrumentDriver}, as tests every driver passes. A driver's test fragment
 * subclasses this class and supplies fresh driver instances; hooks it does not override (fault
 * injection, link loss) make the tests that need them skip, not fail.
 *
 * <p>What a driver must do, in short: start OFFLINE and report every state change to listeners
 * with a reason; refuse anything outside its limits with a {@link LimitExceededException} naming
 * the value, before anything is output; refuse commands while not connected with a
 * {@link NotConnectedException}; stop a ramp on each kind of cutoff rule at the sample where the
 * rule, replayed on the delivered samples, fires; end every ramp, for whatever reason, with the
 * bias at 0 V; honour {@code abort()} from any thread promptly; turn faults and link loss during a
 * ramp into a FAULT outcome and status, never an exception.
 *
 * <p>The electrochemical tests need a stimulus that makes current and height respond: by default
 * a ramp 0 → −5 V at 10 V/s, 10 kHz, which nucleates Li on a LICGC sample. A driver tested against
 * other hardware — a source-measure unit on a resistor, a card wired to a dummy cell — says so in
 * {@link #stimulus()} ({@link Stimulus#resistor}, or its own {@link Stimulus}), and the suite picks
 * ramps and thresholds that this load answers instead of failing; finer control through
 * {@link #responsiveRamp} and the thresholds. Tests of channels the driver does not declare
 * (height) skip; a rule on such a channel must be refused.
 *
 * <p>{@code @ConsumerType}: vendors extend this class. A new hook must come with a default
 * implementation (a minor change); a new abstract hook breaks every vendor's subclass and needs a
 * major version. The build's baseline check cannot tell the two apart in a class (it reports a new
 * abstract method as minor), so this rule is kept by review.
 */
@ConsumerType
public abstract class DriverConformanceSuite {

    private final List<InstrumentDriver> created = new ArrayList<>();

    /** The driver under test in each test, OFFLINE, from {@link #createDriver()}. */
    protected InstrumentDriver driver;

    // ------------------------------------------------------------------ hooks

    /** A fresh driver instance, not connected. Called once before each test. */
    protected abstract InstrumentDriver createDriver();

    /** Releases a driver this suite obtained from one of the create methods (called after each test). */
    protected void releaseDriver(InstrumentDriver d) {
    }

    /**
     * A fresh driver whose ramps run paced to wall-clock time, for the abort test. Real hardware
     * always is; a simulator overrides this.
     */
    protected InstrumentDriver createRealTimeDriver() {
        return createDriver();
    }

    /** A fresh driver that faults {@code seconds} into every ramp, or empty when faults cannot be injected. */
    protected Optional<InstrumentDriver> createDriverFaultingAfter(double seconds) {
        return Optional.empty();
    }

    /** A fresh driver that loses its link {@code seconds} into every ramp, or empty when that cannot be injected. */
    protected Optional<InstrumentDriver> createDriverLosingLinkAfter(double seconds) {
        return Optional.empty();
    }

    /**
     * Called on a connected driver before each ramp that must make current and height respond, e.g.
     * to move the tip over a fresh spot that nucleates. Default: nothing.
     */
    protected void prepareResponsiveSite(InstrumentDriver d) {
    }

    /**
     * What the instrument is connected to during the tests, and so which stimulus it answers.
     * Default: a nucleating cell ({@link Stimulus#nucleatingCell()}).
     *
     * @since 1.1
     */
    protected Stimulus stimulus() {
        return Stimulus.nucleatingCell();
    }

    /**
     * A stimulus and the response it gives: the suite ramps to {@code responsiveTarget} to see the
     * current (and height, when the instrument has that channel) cross the thresholds, and to
     * {@code quietTarget} to see nothing cross them.
     *
     * @param load             what is connected, in words (shown in failures)
     * @param responsiveTarget end of the responsive ramp (from 0 V), V
     * @param responsiveRate   rate of the responsive ramp, V/s
     * @param quietTarget      end of the quiet ramp (from 0 V), V; the current stays inside the
     *                         current threshold all the way
     * @param currentCutoff    current threshold the responsive ramp crosses, A (sign gives the direction)
     * @param heightCutoff     height threshold the responsive ramp crosses, m (ignored without a height channel)
     * @since 1.1
     */
    public record Stimulus(String load, double responsiveTarget, double responsiveRate, double quietTarget,
            double currentCutoff, double heightCutoff) {

        public Stimulus {
            if (!(Double.isFinite(responsiveTarget) && responsiveTarget != 0 && responsiveRate > 0
                    && Double.isFinite(quietTarget) && quietTarget != 0 && Double.isFinite(currentCutoff)
                    && currentCutoff != 0 && Double.isFinite(heightCutoff) && heightCutoff != 0)) {
                throw new IllegalArgumentException("stimulus of '" + load + "': targets, rate and thresholds must be "
                        + "finite and non-zero");
            }
        }

        /** Li nucleation on a LICGC sample (the paper's cell): 0 → −5 V at 10 V/s, −10 pA, 3 nm; quiet to −1 V. */
        public static Stimulus nucleatingCell() {
            return new Stimulus("nucleating cell", -5.0, 10.0, -1.0, -10e-12, 3e-9);
        }

        /**
         * A resistor of {@code ohms} on the output (no onset, no height response): the responsive ramp
         * goes to {@code volts} (negative: cathodic), the current threshold is the current at half of
         * it, the quiet ramp stays at a tenth of it.
         */
        public static Stimulus resistor(double ohms, double volts) {
            if (!(ohms > 0) || !Double.isFinite(ohms)) {
                throw new IllegalArgumentException("resistance must be a finite value > 0 ohm, got " + ohms);
            }
            return new Stimulus(String.format(java.util.Locale.ROOT, "%.3g ohm resistor", ohms), volts,
                    Math.abs(volts) * 2, volts / 10, volts / 2 / ohms, 3e-9);
        }
    }

    /** A ramp that produces a current and height response (nucleation), armed with {@code rule}. */
    protected RampRequest responsiveRamp(CutoffRule rule) {
        Stimulus s = stimulus();
        return RampRequest.linear(0, s.responsiveTarget(), s.responsiveRate(), sampleRate(), rule);
    }

    /** A ramp that produces no response at all (below any onset), armed with {@code rule}. */
    protected RampRequest quietRamp(CutoffRule rule) {
        return RampRequest.linear(0, quietTarget(), 10.0, sampleRate(), rule);
    }

    /** Current cutoff used by the rule tests, A (the paper's −10 pA). */
    protected double currentCutoff() {
        return stimulus().currentCutoff();
    }

    /** Height cutoff used by the rule tests, m. */
    protected double heightCutoff() {
        return stimulus().heightCutoff();
    }

    /** Longest time the bias may keep ramping after the cutoff sample (the loop latency), s. */
    protected double maxCutoffLatencySeconds() {
        return 0.1;
    }

    /** Longest acceptable time from {@code abort()} to the return of {@code ramp()}, s. */
    protected double maxAbortLatencySeconds() {
        return 0.1;
    }

    // ------------------------------------------------------------------ fixture

    @BeforeEach
    void createDriverUnderTest() {
        driver = track(createDriver());
    }

    @AfterEach
    void releaseDrivers() {
        for (InstrumentDriver d : created) {
            try {
                d.abort();
                d.disconnect();
            } finally {
                releaseDriver(d);
            }
        }
        created.clear();
    }

    /** Remembers {@code d} so that it is disconnected and released after the test. */
    protected final InstrumentDriver track(InstrumentDriver d) {
        assertNotNull(d, "the driver hook returned null");
        created.add(d);
        return d;
    }

    private InstrumentDriver connected(InstrumentDriver d) {
        d.connect();
        assertEquals(State.ONLINE, d.status().state(), () -> "connect() must go ONLINE, status: " + d.status());
        return d;
    }

    private Capabilities caps() {
        return driver.capabilities();
    }

    private double sampleRate() {
        return Math.min(10_000, driver.capabilities().maxSampleRateHz());
    }

    /** A quiet ramp lasting 0.5 s, long enough for a fault injected 0.05 s into it. */
    private RampRequest halfSecondQuietRamp() {
        return RampRequest.linear(0, quietTarget(), Math.abs(quietTarget()) / 0.5, sampleRate(), CutoffRule.none());
    }

    /** The quiet stimulus's target, pulled inside the bias limits. */
    private double quietTarget() {
        BiasLimits lim = driver.capabilities().biasLimits();
        double q = stimulus().quietTarget();
        return q < 0 ? Math.max(q, lim.minVolts()) : Math.min(q, lim.maxVolts());
    }

    // ------------------------------------------------------------------ lifecycle

    @Test
    void describesItselfAndStartsOffline() {
        Capabilities c = caps();
        InstrumentStatus s = driver.status();
        assertAll(() -> assertFalse(driver.info().id().isBlank(), "instrument id"),
                () -> assertEquals(State.OFFLINE, s.state(), "a fresh driver is OFFLINE: " + s),
                () -> assertFalse(s.reason().isBlank(), "OFFLINE needs a reason a user can read"),
                () -> assertTrue(c.has(Channel.BIAS) && c.has(Channel.CURRENT), "BIAS and CURRENT channels"),
                () -> assertTrue(c.biasLimits().allows(0), "0 V must be inside the bias limits"),
                () -> assertEquals(c.hasPositioner(), driver.positioner().isPresent(), "positioner vs capabilities"),
                () -> assertEquals(c.hasTopography(), driver.topography().isPresent(), "topography vs capabilities"),
                () -> assertEquals(0.0, driver.bias(), "bias of a fresh driver"));
    }

    @Test
    void connectGoesOnlineAndTellsListeners() {
        StatusRecorder rec = new StatusRecorder();
        driver.addStatusListener(rec);
        driver.connect();
        assertEquals(State.ONLINE, driver.status().state(), () -> "after connect(): " + driver.status());
        StatusRecorder.Call call = rec.awaitState(State.ONLINE);
        assertEquals(driver.info(), call.instrument(), "listeners are told which instrument changed");
        driver.connect();
        assertEquals(State.ONLINE, driver.status().state(), "a second connect() keeps the instrument ONLINE");
    }

    @Test
    void disconnectGoesOfflineWithReasonZeroBiasAndTellsListeners() {
        StatusRecorder rec = new StatusRecorder();
        driver.addStatusListener(rec);
        connected(driver);
        driver.setBias(quietTarget() / 2);
        driver.disconnect();
        InstrumentStatus s = driver.status();
        assertAll(() -> assertEquals(State.OFFLINE, s.state()),
                () -> assertFalse(s.reason().isBlank(), "OFFLINE needs a reason"),
                () -> assertEquals(0.0, driver.bias(), "disconnect() sets the bias to 0 V first"));
        rec.awaitState(State.ONLINE);
        rec.awaitState(State.OFFLINE);
    }

    @Test
    void removedListenerIsNotCalled() {
        StatusRecorder kept = new StatusRecorder();
        StatusRecorder removed = new StatusRecorder();
        driver.addStatusListener(kept);
        driver.addStatusListener(removed);
        driver.removeStatusListener(removed);
        connected(driver);
        driver.disconnect();
        kept.awaitState(State.ONLINE);
        kept.awaitState(State.OFFLINE);
        assertEquals(0, removed.count(), () -> "a removed listener was called: " + removed.states());
    }

    @Test
    void setBiasIsReadBackAndAbortZeroesIt() {
        connected(driver);
        double v = quietTarget() / 2;
        driver.setBias(v);
        double step = caps().channel(Channel.BIAS).orElseThrow().resolution();
        assertEquals(v, driver.bias(), step, "bias() reads back the set value within one DAC step");
        driver.abort();
        assertEquals(0.0, driver.bias(), "abort() sets the bias to 0 V");
        assertEquals(State.ONLINE, driver.status().state(), "abort() while idle keeps the instrument ONLINE");
    }

    @Test
    void abortNeverThrowsEvenOffline() {
        driver.abort();
        driver.abort();
        assertEquals(0.0, driver.bias());
        assertEquals(State.OFFLINE, driver.status().state());
    }

    @Test
    void rampIsBusyWhileRunningAndOnlineAfter() {
        connected(driver);
        StatusRecorder rec = new StatusRecorder();
        driver.addStatusListener(rec);
        AtomicReference<State> during = new AtomicReference<>();
        RampOutcome o = driver.ramp(quietRamp(CutoffRule.none()), block -> during.compareAndSet(null,
                driver.status().state()));
        assertEquals(Termination.COMPLETED, o.termination());
        assertEquals(State.BUSY, during.get(), "status while the ramp streams samples");
        assertEquals(State.ONLINE, driver.status().state(), "status after the ramp");
        rec.awaitState(State.BUSY);
        rec.awaitState(State.ONLINE);
    }

    // ------------------------------------------------------------------ not connected

    @Test
    void commandsWhileOfflineThrowNotConnected() {
        assertRefusedWhileNotConnected();
        connected(driver);
        driver.disconnect();
        assertRefusedWhileNotConnected();
    }

    private void assertRefusedWhileNotConnected() {
        SampleRecorder rec = new SampleRecorder();
        List<Executable> commands = new ArrayList<>();
        commands.add(() -> driver.setBias(quietTarget() / 2));
        commands.add(() -> driver.ramp(quietRamp(CutoffRule.none()), rec));
        driver.positioner().ifPresent(p -> commands.add(() -> p.moveTo(p.rangeX() / 3, p.rangeY() / 3, 0)));
        driver.topography().ifPresent(t -> commands.add(() -> t.scan(0, 0, 1e-9, 1e-9, 2, 2)));
        for (Executable c : commands) {
            NotConnectedException e = assertThrows(NotConnectedException.class, c);
            assertNotNull(e.getMessage());
        }
        assertEquals(0, rec.samples(), "nothing may be acquired while not connected");
        assertEquals(0.0, driver.bias(), "nothing may be output while not connected");
    }

    // ------------------------------------------------------------------ limits

    @Test
    void biasOutsideLimitsIsRefusedNamingTheValue() {
        connected(driver);
        BiasLimits lim = caps().biasLimits();
        for (double v : new double[] { lim.maxVolts() + 1, lim.minVolts() - 1, Double.NaN,
                Double.POSITIVE_INFINITY }) {
            assertRefused(() -> driver.setBias(v), String.valueOf(v));
        }
    }

    @Test
    void rampOutsideLimitsIsRefusedNamingTheValue() {
        connected(driver);
        BiasLimits lim = caps().biasLimits();
        double below = lim.minVolts() - 1;
        double above = lim.maxVolts() + 1;
        SampleRecorder rec = new SampleRecorder();
        assertRefused(() -> driver.ramp(RampRequest.linear(0, below, 1, sampleRate(), CutoffRule.none()), rec),
                String.valueOf(below));
        assertRefused(() -> driver.ramp(RampRequest.linear(above, 0, 1, sampleRate(), CutoffRule.none()), rec),
                String.valueOf(above));
        // the second segment leaves the limits: nothing of the first may run either
        RampRequest twoSegments = new RampRequest(0, List.of(new RampSegment(quietTarget(), 1, 0),
                new RampSegment(below, 1, 0)), sampleRate(), CutoffRule.none());
        assertRefused(() -> driver.ramp(twoSegments, rec), String.valueOf(below));
        assertEquals(0, rec.samples(), "a refused ramp acquires nothing");
    }

    @Test
    void rampFasterThanTheMaximumRateIsRefused() {
        connected(driver);
        double rate = caps().biasLimits().maxRateVoltsPerSecond() * 2;
        SampleRecorder rec = new SampleRecorder();
        assertRefused(() -> driver.ramp(RampRequest.linear(0, quietTarget(), rate, sampleRate(), CutoffRule.none()),
                rec), String.valueOf(rate));
        assertEquals(0, rec.samples());
    }

    @Test
    void sampleRateAboveTheMaximumIsRefused() {
        connected(driver);
        double rate = caps().maxSampleRateHz() * 2;
        SampleRecorder rec = new SampleRecorder();
        assertRefused(() -> driver.ramp(RampRequest.linear(0, quietTarget(), 10, rate, CutoffRule.none()), rec),
                String.valueOf(rate));
        assertEquals(0, rec.samples());
    }

    @Test
    void heightRuleWithoutHeightChannelIsRefused() {
        assumeFalse(caps().has(Channel.HEIGHT), "the driver has a height channel");
        connected(driver);
        SampleRecorder rec = new SampleRecorder();
        assertRefused(() -> driver.ramp(quietRamp(CutoffRule.anyOf(CutoffRule.current(currentCutoff()),
                CutoffRule.height(heightCutoff()))), rec), "height");
        assertEquals(0, rec.samples());
    }

    @Test
    void positionerRefusesTargetsOutsideItsRange() {
        Positioner p = driver.positioner().orElse(null);
        assumeTrue(p != null, "the driver has no positioner");
        connected(driver);
        double x = p.x();
        double y = p.y();
        for (double bad : new double[] { p.rangeX() * 1.5, -p.rangeX() / 2, Double.NaN }) {
            assertRefused(() -> p.moveTo(bad, p.rangeY() / 2, 0), String.valueOf(bad));
        }
        for (double bad : new double[] { p.rangeY() * 1.5, Double.NEGATIVE_INFINITY }) {
            assertRefused(() -> p.moveTo(p.rangeX() / 2, bad, 0), String.valueOf(bad));
        }
        assertEquals(x, p.x(), "a refused move does not move");
        assertEquals(y, p.y(), "a refused move does not move");
        p.moveTo(p.rangeX() / 4, p.rangeY() / 4, 0);
        assertEquals(p.rangeX() / 4, p.x(), p.rangeX() * 1e-6, "a move inside the range arrives");
        assertEquals(p.rangeY() / 4, p.y(), p.rangeY() * 1e-6, "a move inside the range arrives");
    }

    @Test
    void topographyRefusesAreasOutsideTheRangeAndImagesInside() {
        TopographyScanner t = driver.topography().orElse(null);
        Positioner p = driver.positioner().orElse(null);
        assumeTrue(t != null && p != null, "the driver has no topography scanner with a positioner range");
        connected(driver);
        double step = p.rangeX() / 4;
        assertRefused(() -> t.scan(0, 0, step, step, 8, 2), String.valueOf(7 * step));
        assertThrows(LimitExceededException.class, () -> t.scan(0, 0, step, step, 0, 2));
        var image = t.scan(0, 0, step, step, 4, 3);
        assertEquals(12, image.height().length);
        for (double h : image.height()) {
            assertTrue(Double.isFinite(h) && Math.abs(h) < 1e-3, "height " + h + " m is implausible");
        }
        assertEquals(State.ONLINE, driver.status().state());
    }

    private void assertRefused(Executable command, String mustMention) {
        LimitExceededException e = assertThrows(LimitExceededException.class, command);
        assertTrue(e.getMessage() != null && e.getMessage().contains(mustMention),
                () -> "the refusal must name '" + mustMention + "': " + e.getMessage());
        assertEquals(0.0, driver.bias(), "nothing may be output after a refusal");
        assertEquals(State.ONLINE, driver.status().state(), "a refusal leaves the instrument ONLINE");
    }

    // ------------------------------------------------------------------ cutoff rules

    @Test
    void currentRuleStopsTheRamp() {
        CutoffEvent e = rampUntilCutoff(CutoffRule.current(currentCutoff()));
        assertEquals("current", e.rule());
        assertTrue(e.current() <= currentCutoff(), () -> "current at cutoff " + e.current() + " A");
    }

    @Test
    void heightRuleStopsTheRamp() {
        assumeTrue(caps().has(Channel.HEIGHT), "the driver has no height channel");
        CutoffEvent e = rampUntilCutoff(CutoffRule.height(heightCutoff()));
        assertEquals("height", e.rule());
        assertTrue(e.heightChange() >= heightCutoff(), () -> "height change at cutoff " + e.heightChange() + " m");
    }

    @Test
    void anyOfFiresOnTheLeafThatFiresFirst() {
        assumeTrue(caps().has(Channel.HEIGHT), "the driver has no height channel");
        double unreachableCurrent = -caps().channel(Channel.CURRENT).orElseThrow().max() * 10;
        CutoffEvent byCurrent = rampUntilCutoff(CutoffRule.anyOf(CutoffRule.current(currentCutoff()),
                CutoffRule.height(1e-3)));
        assertEquals("current", byCurrent.rule());
        CutoffEvent byHeight = rampUntilCutoff(CutoffRule.anyOf(CutoffRule.current(unreachableCurrent),
                CutoffRule.height(heightCutoff())));
        assertEquals("height", byHeight.rule());
    }

    @Test
    void allOfFiresWhenTheLastLeafHasFired() {
        assumeTrue(caps().has(Channel.HEIGHT), "the driver has no height channel");
        CutoffEvent e = rampUntilCutoff(CutoffRule.allOf(CutoffRule.current(currentCutoff()),
                CutoffRule.height(heightCutoff())));
        assertTrue(e.current() <= currentCutoff() || e.heightChange() >= heightCutoff());
    }

    @Test
    void thenArmsTheSecondRuleOnlyAfterTheFirst() {
        assumeTrue(caps().has(Channel.HEIGHT), "the driver has no height channel");
        CutoffEvent e = rampUntilCutoff(CutoffRule.then(CutoffRule.current(currentCutoff()),
                CutoffRule.height(heightCutoff())));
        assertEquals("height", e.rule(), "'then' completes with its second rule");
    }

    @Test
    void rampWithoutCutoffCompletes() {
        connected(driver);
        prepareResponsiveSite(driver);
        RampRequest r = responsiveRamp(CutoffRule.none());
        SampleRecorder rec = new SampleRecorder();
        RampOutcome o = driver.ramp(r, rec);
        assertEquals(Termination.COMPLETED, o.termination(), () -> "outcome " + o);
        assertTrue(o.cutoffEvent().isEmpty());
        assertEquals(r.sampleCount(), o.samples(), "a completed ramp acquires every programmed sample");
        assertStreamConsistent(r, rec, o);
        double[] bias = rec.bias();
        double step = caps().channel(Channel.BIAS).orElseThrow().resolution();
        assertEquals(r.segments().get(r.segments().size() - 1).targetVolts(), bias[bias.length - 1], 2 * step,
                "the last sample is at the ramp's end");
        assertEquals(0.0, driver.bias(), "bias after the ramp");
    }

    @Test
    void armedRuleThatNeverFiresCompletes() {
        connected(driver);
        RampRequest r = quietRamp(CutoffRule.current(currentCutoff()));
        SampleRecorder rec = new SampleRecorder();
        RampOutcome o = driver.ramp(r, rec);
        assertEquals(Termination.COMPLETED, o.termination(), () -> "outcome " + o);
        assertEquals(r.sampleCount(), o.samples());
        assertEquals(0.0, driver.bias());
    }

    /**
     * Runs the responsive ramp with {@code rule} armed and checks the cutoff against the delivered
     * samples: the rule, replayed sample by sample, must fire exactly where the driver says it did,
     * by the leaf the driver names, and the ramp must stop soon after.
     */
    private CutoffEvent rampUntilCutoff(CutoffRule rule) {
        if (!driver.status().connected()) {
            connected(driver);
        }
        prepareResponsiveSite(driver);
        RampRequest r = responsiveRamp(rule);
        SampleRecorder rec = new SampleRecorder();
        RampOutcome o = driver.ramp(r, rec);
        assertEquals(Termination.CUTOFF, o.termination(),
                () -> "rule '" + rule.describe() + "' did not stop the ramp on the " + stimulus().load() + ": " + o);
        assertEquals(0.0, driver.bias(), "bias after a cutoff");
        assertEquals(State.ONLINE, driver.status().state(), "status after a cutoff");
        assertStreamConsistent(r, rec, o);
        CutoffEvent e = o.cutoff();
        assertEquals(rule.describe(), e.description());

        double[] t = rec.time();
        double[] i = rec.current();
        double[] h = rec.height();
        CutoffRule.Evaluator replay = rule.arm();
        int firedAt = -1;
        for (int k = 0; k < t.length && firedAt < 0; k++) {
            double dz = h == null ? Double.NaN : h[k] - h[0];
            if (replay.offer(i[k], dz)) {
                firedAt = k;
            }
        }
        int at = firedAt;
        assertAll(() -> assertEquals(at, e.sampleIndex(), "the rule replayed on the delivered samples fires at "
                + "sample " + at + ", the driver reported " + e.sampleIndex()),
                () -> assertEquals(replay.firedBy(), e.rule(), "leaf that completed the rule"));
        int k = e.sampleIndex();
        double dz = h == null ? Double.NaN : h[k] - h[0];
        assertAll(() -> assertEquals(t[k], e.time(), 1e-9, "time of the cutoff sample"),
                () -> assertEquals(rec.bias()[k], e.bias(), 1e-9, "bias of the cutoff sample"),
                () -> assertEquals(i[k], e.current(), 1e-18, "current of the cutoff sample"),
                () -> {
                    if (h == null) {
                        assertTrue(Double.isNaN(e.heightChange()), "no height channel: heightChange is NaN");
                    } else {
                        assertEquals(dz, e.heightChange(), 1e-12, "height change of the cutoff sample");
                    }
                });
        int after = o.samples() - 1 - k;
        double allowed = maxCutoffLatencySeconds() * r.sampleRateHz() + 1;
        assertTrue(after <= allowed, () -> "the ramp went on for " + after + " samples after the cutoff, allowed "
                + allowed);
        return e;
    }

    // ------------------------------------------------------------------ sample stream

    @Test
    void sampleBlocksAreContiguousTimedAndPlausible() {
        connected(driver);
        prepareResponsiveSite(driver);
        RampRequest r = responsiveRamp(CutoffRule.none());
        SampleRecorder rec = new SampleRecorder();
        RampOutcome o = driver.ramp(r, rec);
        assertStreamConsistent(r, rec, o);
        assertTrue(rec.blocks().size() > 1, "a ramp of " + o.samples() + " samples streams in several blocks");
    }

    private void assertStreamConsistent(RampRequest r, SampleRecorder rec, RampOutcome o) {
        List<SampleBlock> blocks = rec.blocks();
        assertFalse(blocks.isEmpty(), "a ramp delivers samples");
        int next = 0;
        for (SampleBlock b : blocks) {
            assertEquals(next, b.firstIndex(), "blocks are contiguous: firstIndex");
            assertTrue(b.size() > 0, "no empty blocks");
            assertEquals(caps().has(Channel.HEIGHT), b.height() != null, "height present exactly with a HEIGHT channel");
            next += b.size();
        }
        assertEquals(o.samples(), next, "outcome.samples() equals the samples delivered");
        double dt = 1 / r.sampleRateHz();
        double[] t = rec.time();
        double[] bias = rec.bias();
        double[] cur = rec.current();
        double[] h = rec.height();
        assertEquals(0, t[0], dt * 1e-6, "the first sample is at t = 0 s");
        assertEquals(t[t.length - 1], o.durationSeconds(), dt * 1e-6, "durationSeconds is the last sample's time");
        ChannelSpec biasSpec = caps().channel(Channel.BIAS).orElseThrow();
        ChannelSpec curSpec = caps().channel(Channel.CURRENT).orElseThrow();
        double biasTolerance = 2 * biasSpec.resolution() + 1e-9;
        for (int k = 0; k < t.length; k++) {
            if (k > 0 && Math.abs(t[k] - t[k - 1] - dt) > dt * 1e-6) {
                fail("samples " + (k - 1) + " and " + k + " are " + (t[k] - t[k - 1]) + " s apart, expected " + dt
                        + " s");
            }
            if (Math.abs(bias[k] - r.biasAt(t[k])) > biasTolerance) {
                fail("bias " + bias[k] + " V at t = " + t[k] + " s, programmed " + r.biasAt(t[k]) + " V");
            }
            if (!(cur[k] >= curSpec.min() && cur[k] <= curSpec.max()) || Math.abs(cur[k]) > 1e-6) {
                fail("current " + cur[k] + " A at sample " + k + " is outside the channel range or implausible");
            }
            if (h != null && (!Double.isFinite(h[k]) || Math.abs(h[k]) > 1e-3)) {
                fail("height " + h[k] + " m at sample " + k + " is implausible");
            }
        }
    }

    // ------------------------------------------------------------------ abort, faults, link loss

    @Test
    void abortFromAnotherThreadEndsALongRampPromptly() throws Exception {
        InstrumentDriver rt = connected(track(createRealTimeDriver()));
        double target = quietTarget();
        RampRequest longRamp = RampRequest.linear(0, target, Math.abs(target) / 4.0, sampleRate(), CutoffRule.none());
        SampleRecorder rec = new SampleRecorder();
        AtomicReference<long[]> abortTimes = new AtomicReference<>();
        AtomicReference<Double> biasAfterAbort = new AtomicReference<>();
        Thread aborter = new Thread(() -> {
            try {
                if (!rec.awaitFirstBlock(10)) {
                    return;
                }
                Thread.sleep(200);
                long t0 = System.nanoTime();
                rt.abort();
                long t1 = System.nanoTime();
                biasAfterAbort.set(rt.bias());
                abortTimes.set(new long[] { t0, t1 });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "conformance-aborter");
        aborter.start();
        RampOutcome o = rt.ramp(longRamp, rec);
        long returned = System.nanoTime();
        aborter.join(10_000);
        long[] t = abortTimes.get();
        assertNotNull(t, "abort() was never called: the ramp delivered no block within 10 s");
        assertEquals(Termination.ABORTED, o.termination(), () -> "outcome " + o
                + " (a driver whose ramps are not paced to wall-clock must override createRealTimeDriver())");
        double latency = (returned - t[0]) * 1e-9;
        double abortCall = (t[1] - t[0]) * 1e-9;
        System.out.printf("[conformance] %s: abort latency %.3f ms (abort() returned after %.3f ms), %d of %d "
                + "samples acquired%n", rt.info().id(), latency * 1e3, abortCall * 1e3, o.samples(),
                longRamp.sampleCount());
        assertAll(() -> assertTrue(latency < maxAbortLatencySeconds(), "abort latency " + latency * 1e3
                + " ms exceeds " + maxAbortLatencySeconds() * 1e3 + " ms"),
                () -> assertEquals(0.0, biasAfterAbort.get(), "bias when abort() returns"),
                () -> assertEquals(0.0, rt.bias(), "bias after the aborted ramp"),
                () -> assertEquals(State.ONLINE, rt.status().state(), "an abort is not a fault"),
                () -> assertTrue(o.samples() < longRamp.sampleCount(), "the ramp stopped early"),
                () -> assertEquals(rec.samples(), o.samples(), "outcome.samples() equals the samples delivered"));
    }

    @Test
    void faultDuringARampEndsItWithFaultOutcomeAndStatus() {
        Optional<InstrumentDriver> faulty = createDriverFaultingAfter(0.05);
        assumeTrue(faulty.isPresent(), "the driver cannot inject faults");
        InstrumentDriver d = connected(track(faulty.get()));
        StatusRecorder status = new StatusRecorder();
        d.addStatusListener(status);
        RampRequest r = halfSecondQuietRamp();
        SampleRecorder rec = new SampleRecorder();
        RampOutcome o = d.ramp(r, rec);
        assertAll(() -> assertEquals(Termination.FAULT, o.termination(), "outcome " + o),
                () -> assertFalse(o.faultReason().isBlank(), "a FAULT outcome says why"),
                () -> assertTrue(o.samples() > 0 && o.samples() < r.sampleCount(), "samples " + o.samples()),
                () -> assertEquals(rec.samples(), o.samples(), "outcome.samples() equals the samples delivered"),
                () -> assertEquals(0.0, d.bias(), "bias after a fault"),
                () -> assertEquals(State.FAULT, d.status().state(), "status after a fault"),
                () -> assertFalse(d.status().reason().isBlank(), "FAULT status says why"));
        status.awaitState(State.FAULT);
        assertThrows(NotConnectedException.class, () -> d.setBias(quietTarget() / 2), "commands after a fault");
        d.connect();
        assertEquals(State.ONLINE, d.status().state(), "connect() after a fault brings the instrument back");
    }

    @Test
    void linkLossDuringARampIsAFaultOutcomeNotAnException() {
        Optional<InstrumentDriver> flaky = createDriverLosingLinkAfter(0.05);
        assumeTrue(flaky.isPresent(), "the driver cannot inject a link loss");
        InstrumentDriver d = connected(track(flaky.get()));
        RampRequest r = halfSecondQuietRamp();
        SampleRecorder rec = new SampleRecorder();
        RampOutcome o = d.ramp(r, rec);
        InstrumentStatus s = d.status();
        assertAll(() -> assertEquals(Termination.FAULT, o.termination(), "outcome " + o),
                () -> assertFalse(o.faultReason().isBlank(), "a FAULT outcome says why"),
                () -> assertEquals(rec.samples(), o.samples(), "outcome.samples() equals the samples delivered"),
                () -> assertFalse(s.connected(), "after a link loss the instrument is not connected: " + s),
                () -> assertFalse(s.reason().isBlank(), "the status says why"),
                () -> assertEquals(0.0, d.bias(), "bias after a link loss"));
        assertThrows(NotConnectedException.class, () -> d.ramp(r, SampleSink.discard()), "ramp after a link loss");
    }
}
