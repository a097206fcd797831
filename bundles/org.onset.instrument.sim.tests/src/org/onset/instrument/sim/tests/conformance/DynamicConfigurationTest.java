package org.onset.instrument.sim.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.conformance.SampleRecorder;
import org.onset.instrument.conformance.StatusRecorder;
import org.osgi.service.cm.Configuration;

/** The simulator follows its configuration at runtime: delete unregisters, update re-registers. */
class DynamicConfigurationTest {

    private static final SimulatorFixture FIXTURE = new SimulatorFixture();

    @Test
    void deletingTheConfigurationUnregistersTheDriver() throws Exception {
        Configuration c = FIXTURE.configure(Map.of());
        InstrumentDriver d = FIXTURE.awaitDriver(c, null);
        d.connect();
        d.setBias(-0.5);
        StatusRecorder status = new StatusRecorder();
        d.addStatusListener(status);
        String pid = c.getPid();
        c.delete();
        FIXTURE.awaitGone(pid);
        // DS unregisters the service before it deactivates the instance: wait for the instance to say so
        status.awaitState(State.OFFLINE);
        assertEquals(State.OFFLINE, d.status().state(), "a deactivated instance is OFFLINE");
        assertTrue(d.status().reason().contains("stopped"), d.status().reason());
        assertEquals(0.0, d.bias(), "deactivation sets the bias to 0 V");
        d.connect();
        assertEquals(State.OFFLINE, d.status().state(), "a stale reference cannot bring a stopped instance back");
    }

    @Test
    void updatingTheConfigurationReRegistersWithTheNewSettings() throws Exception {
        Configuration c = FIXTURE.configure(Map.of("bias.max", 2.0));
        InstrumentDriver before = FIXTURE.awaitDriver(c, null);
        StatusRecorder status = new StatusRecorder();
        before.addStatusListener(status);
        assertEquals(2.0, before.capabilities().biasLimits().maxVolts());
        Dictionary<String, Object> props = c.getProperties();
        props.put("bias.max", 3.0);
        c.update(props);
        InstrumentDriver after = FIXTURE.awaitDriver(c, before);
        FIXTURE.own(after, c);
        assertNotSame(before, after);
        assertEquals(3.0, after.capabilities().biasLimits().maxVolts(), "the new instance has the new settings");
        assertEquals(before.info().id(), after.info().id());
        status.awaitState(State.OFFLINE);
        assertTrue(before.status().reason().contains("stopped"), "the old instance was deactivated: "
                + before.status());
        FIXTURE.release(after);
    }

    @Test
    void reconfiguringDuringARampEndsItSafely() throws Exception {
        Configuration c = FIXTURE.configure(Map.of("timing", "realtime"));
        InstrumentDriver before = FIXTURE.awaitDriver(c, null);
        before.connect();
        SampleRecorder rec = new SampleRecorder();
        CompletableFuture<RampOutcome> ramp = CompletableFuture.supplyAsync(
                () -> before.ramp(RampRequest.linear(0, -1, 0.25, 10_000, CutoffRule.none()), rec));
        assertTrue(rec.awaitFirstBlock(10), "the ramp started");
        Dictionary<String, Object> props = c.getProperties();
        props.put("name", "renamed while ramping");
        c.update(props);
        InstrumentDriver after = FIXTURE.awaitDriver(c, before);
        FIXTURE.own(after, c);
        RampOutcome o = ramp.get(10, TimeUnit.SECONDS);
        assertEquals(Termination.FAULT, o.termination(), () -> "outcome " + o);
        assertTrue(o.faultReason().contains("stopped"), o.faultReason());
        assertEquals(0.0, before.bias(), "bias of the stopped instance");
        assertEquals("renamed while ramping", after.info().name());
        FIXTURE.release(after);
    }

    @AfterAll
    static void deleteLeftovers() {
        FIXTURE.close();
    }
}
