package org.onset.instrument.sim.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentException;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.NotConnectedException;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.TopographyImage;
import org.onset.instrument.conformance.SampleRecorder;
import org.onset.instrument.sim.engine.PixelRun;
import org.onset.instrument.sim.engine.SimulatedSample;
import org.onset.instrument.sim.internal.SimulatedInstrument;

/** What the simulator does beyond the common driver contract: timing modes, injected faults, the sample. */
class SimulatorBehaviourTest {

    private static final SimulatorFixture FIXTURE = new SimulatorFixture();
    private static final RampRequest LONG_QUIET_RAMP = RampRequest.linear(0, -1, 0.25, 10_000, CutoffRule.none());

    private InstrumentDriver online(Map<String, ?> settings) {
        InstrumentDriver d = FIXTURE.create(settings);
        d.connect();
        assertEquals(State.ONLINE, d.status().state(), () -> "status " + d.status());
        return d;
    }

    @AfterEach
    void release() {
        FIXTURE.close();
    }

    @Test
    void realTimeModePacesRampsToTheWallClock() {
        InstrumentDriver d = online(Map.of("timing", "realtime"));
        RampRequest r = RampRequest.linear(0, -0.5, 2.5, 10_000, CutoffRule.none());
        long t0 = System.nanoTime();
        RampOutcome o = d.ramp(r, new SampleRecorder());
        double wall = (System.nanoTime() - t0) * 1e-9;
        assertEquals(Termination.COMPLETED, o.termination());
        assertTrue(wall >= r.durationSeconds() - 0.002, "a " + r.durationSeconds() + " s ramp took only " + wall
                + " s of wall-clock time in realtime mode");

        InstrumentDriver fast = online(Map.of("timing", "realtime", "timing.speedup", 4.0));
        long t1 = System.nanoTime();
        fast.ramp(r, new SampleRecorder());
        double fastWall = (System.nanoTime() - t1) * 1e-9;
        assertTrue(fastWall >= r.durationSeconds() / 4 - 0.002, "speed-up 4: " + fastWall + " s");
        System.out.printf("[sim] %.3f s ramp: %.3f s wall-clock at speed-up 1, %.3f s at speed-up 4%n",
                r.durationSeconds(), wall, fastWall);
    }

    @Test
    void injectedHangBlocksTheRampUntilAbort() throws Exception {
        InstrumentDriver d = online(Map.of("hang.afterSeconds", 0.02));
        SampleRecorder rec = new SampleRecorder();
        CompletableFuture<RampOutcome> ramp = CompletableFuture.supplyAsync(() -> d.ramp(LONG_QUIET_RAMP, rec));
        assertTrue(rec.awaitFirstBlock(10), "samples before the hang");
        Thread.sleep(200);
        assertFalse(ramp.isDone(), "the ramp hangs (virtual timing would have finished it in milliseconds)");
        assertEquals(State.BUSY, d.status().state());
        d.abort();
        RampOutcome o = ramp.get(10, TimeUnit.SECONDS);
        assertEquals(Termination.ABORTED, o.termination());
        double[] t = rec.time();
        assertTrue(t[t.length - 1] < 0.02, "no samples after the hang: last at " + t[t.length - 1] + " s");
        assertEquals(0.0, d.bias());
        assertEquals(State.ONLINE, d.status().state());
    }

    @Test
    void injectedConnectFailureIsAFaultNotAnException() {
        InstrumentDriver d = FIXTURE.create(Map.of("connect.fail", true));
        d.connect();
        assertEquals(State.FAULT, d.status().state());
        assertTrue(d.status().reason().contains("connect.fail"), d.status().reason());
        assertThrows(NotConnectedException.class, () -> d.setBias(-0.1));
    }

    @Test
    void disconnectDuringARampEndsItWithAFaultOutcome() throws Exception {
        InstrumentDriver d = online(Map.of("timing", "realtime"));
        SampleRecorder rec = new SampleRecorder();
        CompletableFuture<RampOutcome> ramp = CompletableFuture.supplyAsync(() -> d.ramp(LONG_QUIET_RAMP, rec));
        assertTrue(rec.awaitFirstBlock(10));
        d.disconnect();
        RampOutcome o = ramp.get(10, TimeUnit.SECONDS);
        assertEquals(Termination.FAULT, o.termination());
        assertTrue(o.faultReason().contains("disconnect"), o.faultReason());
        assertEquals(State.OFFLINE, d.status().state());
        assertEquals(0.0, d.bias());
    }

    @Test
    void commandsWhileBusyAreRefusedAsBusyNotAsOffline() throws Exception {
        InstrumentDriver d = online(Map.of("timing", "realtime"));
        SampleRecorder rec = new SampleRecorder();
        CompletableFuture<RampOutcome> ramp = CompletableFuture.supplyAsync(() -> d.ramp(LONG_QUIET_RAMP, rec));
        assertTrue(rec.awaitFirstBlock(10));
        Positioner p = d.positioner().orElseThrow();
        for (var command : List.<Runnable>of(() -> d.setBias(-0.1), () -> p.moveTo(0, 0, 0),
                () -> d.ramp(LONG_QUIET_RAMP, new SampleRecorder()))) {
            InstrumentException e = assertThrows(InstrumentException.class, command::run);
            assertFalse(e instanceof NotConnectedException, e.toString());
            assertTrue(e.getMessage().contains("busy"), e.getMessage());
        }
        d.abort();
        assertEquals(Termination.ABORTED, ramp.get(10, TimeUnit.SECONDS).termination());
    }

    @Test
    void aFailingSampleSinkPropagatesWithTheBiasAtZero() {
        InstrumentDriver d = online(Map.of());
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> d.ramp(LONG_QUIET_RAMP, block -> {
                    throw new IllegalStateException("disk full");
                }));
        assertEquals("disk full", thrown.getMessage());
        assertEquals(0.0, d.bias());
        assertEquals(State.ONLINE, d.status().state(), "the consumer's failure is not an instrument fault");
    }

    @Test
    void positionerCoversTheSampleAndAbortStopsAMove() throws Exception {
        InstrumentDriver d = online(Map.of("timing", "realtime", "move.speed", 1e-7));
        SimulatedSample s = ((SimulatedInstrument) d).sample();
        Positioner p = d.positioner().orElseThrow();
        assertEquals(s.width(), p.rangeX());
        assertEquals(s.height(), p.rangeY());
        double x0 = p.x();
        CompletableFuture<Void> move = CompletableFuture.runAsync(() -> p.moveTo(0, p.y(), 0));
        Thread.sleep(200);
        d.abort();
        move.get(10, TimeUnit.SECONDS);
        assertTrue(p.x() < x0 && p.x() > 0, "an aborted move stops on the way: x = " + p.x() + " m");
        assertEquals(State.ONLINE, d.status().state());
    }

    @Test
    void topographyAfterARampShowsTheGrownParticle() {
        InstrumentDriver d = online(Map.of());
        SimulatedInstrument sim = (SimulatedInstrument) d;
        double[] site = SimulatorConformanceTest.easySites(sim.sample()).get(0);
        d.positioner().orElseThrow().moveTo(site[0], site[1], 0);
        double step = 10e-9;
        TopographyImage before = d.topography().orElseThrow().scan(site[0] - 2 * step, site[1] - 2 * step, step, step,
                5, 5);
        int particles = sim.sample().particleCount();
        RampOutcome o = d.ramp(RampRequest.linear(0, -5, 1.2, 10_000, CutoffRule.none()), new SampleRecorder());
        assertEquals(Termination.COMPLETED, o.termination());
        PixelRun run = sim.lastRun().orElseThrow();
        assertTrue(run.particleHeight() > 1e-9, "an uncontrolled sweep grows a particle: " + run);
        assertEquals(particles + 1, sim.sample().particleCount());
        TopographyImage after = d.topography().orElseThrow().scan(site[0] - 2 * step, site[1] - 2 * step, step, step,
                5, 5);
        double grown = after.at(2, 2) - before.at(2, 2);
        System.out.printf("[sim] uncontrolled sweep: particle height %.1f nm, base radius %.1f nm; scan shows +%.1f nm%n",
                run.particleHeight() * 1e9, run.particleBaseRadius() * 1e9, grown * 1e9);
        assertTrue(grown > 0.5 * run.particleHeight(), "the scan shows the particle: +" + grown + " m");
    }

    @Test
    void theSampleDriftsUnderTheTipWithInstrumentTime() {
        double vx = 1e-8;
        double vy = -5e-9;
        InstrumentDriver d = online(Map.of("driftX", vx, "driftY", vy, "scan.noise", 0.0, "move.overhead", 0.0));
        SimulatedSample s = ((SimulatedInstrument) d).sample();
        Positioner p = d.positioner().orElseThrow();
        double cx = p.x();
        double cy = p.y();
        p.moveTo(cx, cy, 10.0); // no distance, no overhead: 10 s of instrument time in the settle
        double z = d.topography().orElseThrow().scan(cx, cy, 0, 0, 1, 1).at(0, 0);
        assertEquals(cx, p.x(), "the closed-loop sensors do not see the drift");
        assertEquals(s.topographyAt(cx + 10 * vx, cy + 10 * vy), z, 1e-15,
                "after 10 s the scan sees the surface 100 nm to the right and 50 nm down");
        assertTrue(Math.abs(s.topographyAt(cx, cy) - z) > 0, "the drifted spot looks different");
    }

    @Test
    void sameSeedAndSpotGiveTheSameCurveAndAnotherSeedDoesNot() {
        double[] a = curveAtFirstEasySite(Map.of("sampleSeed", 7L));
        double[] b = curveAtFirstEasySite(Map.of("sampleSeed", 7L));
        double[] c = curveAtFirstEasySite(Map.of("sampleSeed", 8L));
        assertArrayEquals(a, b, "same sample seed, same spot: same measured current");
        assertFalse(Arrays.equals(a, c), "another sample seed gives another curve");
    }

    private double[] curveAtFirstEasySite(Map<String, ?> settings) {
        InstrumentDriver d = online(settings);
        double[] site = SimulatorConformanceTest.easySites(((SimulatedInstrument) d).sample()).get(0);
        d.positioner().orElseThrow().moveTo(site[0], site[1], 0);
        SampleRecorder rec = new SampleRecorder();
        d.ramp(RampRequest.linear(0, -5, 10, 10_000, CutoffRule.current(-10e-12)), rec);
        return rec.current();
    }

    @AfterAll
    static void deleteLeftovers() {
        FIXTURE.close();
    }
}
