package org.onset.instrument.sim.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.NotConnectedException;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.sim.engine.SettingSpec;
import org.onset.instrument.sim.engine.SimSettings;
import org.osgi.service.cm.Configuration;

/**
 * Bad settings never stop the component from registering: it reports FAULT with a reason that
 * names the setting, stays in FAULT through connect(), and refuses commands.
 */
class SettingsValidationTest {

    private static final SimulatorFixture FIXTURE = new SimulatorFixture();

    static Stream<Arguments> badDriverSettings() {
        return Stream.of(Arguments.of("bias.min", 5.0), Arguments.of("bias.min", -20.0),
                Arguments.of("bias.max", -1.0), Arguments.of("bias.maxRate", 0.0),
                Arguments.of("sampleRate.max", -5.0), Arguments.of("timing", "warp"),
                Arguments.of("timing.speedup", 0.0), Arguments.of("channel.height", "maybe"),
                Arguments.of("move.speed", -1.0), Arguments.of("move.overhead", "soon"),
                Arguments.of("scan.lineTime", Double.NaN), Arguments.of("scan.noise", "lots"),
                Arguments.of("fault.afterSeconds", "later"), Arguments.of("connect.fail", 3));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badDriverSettings")
    void badDriverSettingIsAFaultNamingIt(String key, Object value) {
        assertFaultNaming(Map.of(key, value), key);
    }

    @Test
    void everyEngineSettingIsCheckedAndNamed() {
        assertAllEngineSettingsNamed("not-a-number");
        assertAllEngineSettingsNamed(Double.POSITIVE_INFINITY);
    }

    private static void assertAllEngineSettingsNamed(Object badValue) {
        Map<String, Object> all = new HashMap<>();
        SimSettings.specs().forEach(s -> all.put(s.name(), badValue));
        InstrumentDriver d = FIXTURE.create(all);
        try {
            assertEquals(State.FAULT, d.status().state());
            for (SettingSpec spec : SimSettings.specs()) {
                assertTrue(d.status().reason().contains("'" + spec.name() + "'"),
                        () -> "reason must name " + spec.name() + " (" + badValue + "): " + d.status().reason());
            }
        } finally {
            FIXTURE.release(d);
        }
    }

    @Test
    void engineValidationMessagesReachTheStatus() {
        Optional<Map.Entry<String, String>> rejected = SimSettings.specs().stream()
                .map(s -> engineRejection(s.name(), -1e6)).flatMap(Optional::stream).findFirst();
        assumeTrue(rejected.isPresent(), "the engine accepts -1e6 for every setting");
        String name = rejected.get().getKey();
        InstrumentDriver d = FIXTURE.create(Map.of(name, -1e6));
        try {
            assertEquals(State.FAULT, d.status().state());
            assertTrue(d.status().reason().contains(rejected.get().getValue()),
                    () -> "the engine's own message must reach the user: " + d.status().reason());
        } finally {
            FIXTURE.release(d);
        }
    }

    private static Optional<Map.Entry<String, String>> engineRejection(String name, double value) {
        try {
            SimSettings.defaults().with(name, value).validate();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(Map.entry(name, e.getMessage()));
        }
    }

    @Test
    void missingInstrumentIdIsAFault() {
        Map<String, Object> props = new HashMap<>();
        props.put("instrument.id", "   ");
        Configuration c = FIXTURE.configure(props);
        InstrumentDriver d = FIXTURE.awaitDriver(c, null);
        FIXTURE.own(d, c);
        try {
            assertEquals(State.FAULT, d.status().state());
            assertTrue(d.status().reason().contains("instrument.id"), d.status().reason());
        } finally {
            FIXTURE.release(d);
        }
    }

    @Test
    void validSettingsShapeTheCapabilities() {
        InstrumentDriver d = FIXTURE.create(Map.of("bias.min", -6.0, "bias.max", 1.5, "bias.maxRate", 20.0,
                "sampleRate.max", 50_000.0, "channel.height", "false", "name", "bench"));
        try {
            var caps = d.capabilities();
            assertEquals(State.OFFLINE, d.status().state(), () -> "valid settings: " + d.status());
            assertEquals(-6.0, caps.biasLimits().minVolts());
            assertEquals(1.5, caps.biasLimits().maxVolts());
            assertEquals(20.0, caps.biasLimits().maxRateVoltsPerSecond());
            assertEquals(50_000.0, caps.maxSampleRateHz());
            assertFalse(caps.has(Channel.HEIGHT));
            assertEquals("bench", d.info().name());
            var current = caps.channel(Channel.CURRENT).orElseThrow();
            // ±1 V ADC behind a 1e9 V/A amplifier, 12 bits (PHYSICS.md): ±1 nA, 0.49 pA LSB
            assertEquals(1e-9, current.max(), 1e-15);
            assertEquals(0.488e-12, current.resolution(), 0.001e-12);
        } finally {
            FIXTURE.release(d);
        }
    }

    private static void assertFaultNaming(Map<String, Object> settings, String name) {
        InstrumentDriver d = FIXTURE.create(settings);
        try {
            assertEquals(State.FAULT, d.status().state(), () -> name + ": status " + d.status());
            assertTrue(d.status().reason().contains("'" + name + "'"),
                    () -> "the reason must name '" + name + "': " + d.status().reason());
            d.connect();
            assertEquals(State.FAULT, d.status().state(), "connect() cannot cure a bad configuration");
            NotConnectedException e = assertThrows(NotConnectedException.class,
                    () -> d.ramp(RampRequest.linear(0, -1, 1, 1000, CutoffRule.none()), SampleSink.discard()));
            assertTrue(e.getMessage().contains(name), e.getMessage());
            d.disconnect();
            assertEquals(State.FAULT, d.status().state());
        } finally {
            FIXTURE.release(d);
        }
    }

    @AfterAll
    static void deleteLeftovers() {
        FIXTURE.close();
    }
}
