package org.onset.instrument.registry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.registry.DriverRefusedException;
import org.onset.instrument.registry.DriverTimeoutException;
import org.onset.instrument.registry.DriverType;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentConfiguration;
import org.onset.instrument.registry.InstrumentConfigurationException;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.instrument.registry.InstrumentEvents;
import org.onset.instrument.registry.InstrumentListener;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.instrument.registry.InvalidSettingsException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The registry and the configurator in a real framework, with the real simulator driver configured
 * through Config Admin: no mocks.
 */
class RegistryAndConfiguratorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> IDS = List.of("r-come-go", "r-events", "r-fail", "r-bad", "r-refused",
            "r-change", "r-delete", "r-slow");

    private static BundleContext context;
    private static InstrumentRegistry registry;
    private static InstrumentConfigurator configurator;
    private static ConfigurationAdmin configAdmin;

    @BeforeAll
    static void start() throws Exception {
        Bundle host = FrameworkUtil.getBundle(InstrumentRegistryComponent.class);
        context = host.getBundleContext() == null ? start(host) : host.getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (List.of("org.onset.instrument.registry", "org.onset.instrument.sim").contains(b.getSymbolicName())
                    && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        context = host.getBundleContext();
        registry = service(InstrumentRegistry.class);
        configurator = service(InstrumentConfigurator.class);
        configAdmin = service(ConfigurationAdmin.class);
    }

    private static BundleContext start(Bundle b) throws Exception {
        b.start();
        return b.getBundleContext();
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        T s = t.waitForService(15_000);
        assertNotNull(s, type.getSimpleName() + " is registered");
        return s;
    }

    @AfterEach
    void removeTestInstruments() throws Exception {
        for (String id : IDS) {
            Configuration[] found = configAdmin.listConfigurations("(instrument.id=" + id + ")");
            if (found != null) {
                for (Configuration c : found) {
                    c.delete();
                }
            }
        }
        registry.awaitAbsent(i -> IDS.contains(i.id()), WAIT);
    }

    private static DriverType simulator() {
        return configurator.simulatedDriverType().orElseThrow(() -> new AssertionError(
                "the simulator declares itself simulated: " + configurator.driverTypes()));
    }

    private static Instrument addSimulator(String id, Map<String, ?> settings) throws Exception {
        return configurator.create(simulator().factoryPid(), id, settings, WAIT);
    }

    @Test
    void theSimulatorIsASimulatedDriverTypeWithItsMetatype() {
        DriverType sim = simulator();
        assertTrue(sim.simulated());
        assertEquals("org.onset.instrument.sim", sim.bundle());
        assertEquals("Simulated LICGC instrument", sim.name());
        assertEquals(Double.class, sim.setting("driftX").orElseThrow().type());
        assertEquals("m/s", sim.setting("driftX").orElseThrow().unit());
        assertEquals(List.of("virtual", "realtime"), sim.setting("timing").orElseThrow().options());
        assertTrue(configurator.driverType(sim.factoryPid()).isPresent());
        assertTrue(configurator.driverType("org.onset.instrument.nosuchdriver").isEmpty());
    }

    @Test
    void registrySeesSimulatorsComeAndGoAndTheirStatusChange() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        InstrumentListener listener = new InstrumentListener() {
            @Override
            public void added(Instrument i) {
                heard.add("added " + i.id());
            }

            @Override
            public void removed(Instrument i) {
                heard.add("removed " + i.id());
            }

            @Override
            public void statusChanged(Instrument i, InstrumentStatus s) {
                heard.add("status " + i.id() + " " + s.state());
            }
        };
        registry.addListener(listener);
        try {
            // created through Config Admin directly: the registry follows whoever configures
            Configuration c = configAdmin.getFactoryConfiguration(simulator().factoryPid(), "r-come-go", "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("instrument.id", "r-come-go");
            p.put("timing", "virtual");
            c.update(p);
            Instrument i = registry.await("r-come-go", WAIT).orElseThrow();
            assertEquals(next(heard, "r-come-go"), "added r-come-go");
            assertTrue(i.simulated(), "the simulator declares instrument.simulated");
            assertEquals("org.onset.instrument.sim", i.bundle());
            assertFalse(i.bundleVersion().isEmpty());
            assertEquals(c.getPid(), i.configurationPid().orElseThrow());
            assertEquals(State.OFFLINE, i.status().state());
            assertTrue(registry.instruments().stream().anyMatch(x -> x.id().equals("r-come-go")));

            i.driver().connect();
            assertEquals("status r-come-go ONLINE", next(heard, "r-come-go"));

            c.delete();
            assertTrue(registry.awaitAbsent(x -> x.id().equals("r-come-go"), WAIT));
            // the driver's deactivation reports OFFLINE before it unregisters
            String last;
            do {
                last = next(heard, "r-come-go");
            } while (last.startsWith("status"));
            assertEquals("removed r-come-go", last);
            assertTrue(registry.instrument("r-come-go").isEmpty());
        } finally {
            registry.removeListener(listener);
        }
    }

    private static String next(BlockingQueue<String> heard, String id) throws InterruptedException {
        while (true) {
            String s = heard.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(s, "heard nothing more about " + id);
            if (s.endsWith(" " + id) || s.contains(" " + id + " ")) {
                return s;
            }
        }
    }

    @Test
    void eventsArePostedWithTheDocumentedProperties() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, InstrumentEvents.ALL);
        props.put(EventConstants.EVENT_FILTER, "(|(instrument.id=r-events)(instrument.id=r-fail))");
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, events::add, props);
        try {
            Instrument i = addSimulator("r-events", Map.of("timing", "virtual"));
            i.driver().connect();
            Instrument failing = addSimulator("r-fail", Map.of("timing", "virtual", "connect.fail", "true"));
            failing.driver().connect();
            configurator.delete("r-events", WAIT);

            Event added = await(events, InstrumentEvents.ADDED, "r-events", "OFFLINE");
            assertEquals("r-events", added.getProperty(InstrumentEvents.INSTRUMENT_ID));
            assertEquals(Boolean.TRUE, added.getProperty(InstrumentEvents.SIMULATED));
            assertTrue(String.valueOf(added.getProperty(InstrumentEvents.BUNDLE)).startsWith("org.onset.instrument.sim "));
            assertTrue(added.getProperty(InstrumentEvents.NAME) instanceof String);
            assertTrue(added.getProperty(InstrumentEvents.TIMESTAMP) instanceof Long);
            assertEquals("not connected", added.getProperty(InstrumentEvents.REASON));
            await(events, InstrumentEvents.STATUS, "r-events", "ONLINE");
            Event fault = await(events, InstrumentEvents.STATUS, "r-fail", "FAULT");
            assertTrue(String.valueOf(fault.getProperty(InstrumentEvents.REASON)).contains("connect.fail"),
                    "the reason names the setting: " + fault.getProperty(InstrumentEvents.REASON));
            await(events, InstrumentEvents.REMOVED, "r-events", "OFFLINE");
        } finally {
            reg.unregister();
        }
    }

    private static Event await(List<Event> events, String topic, String id, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (Event e : events) {
                if (e.getTopic().equals(topic) && id.equals(e.getProperty(InstrumentEvents.INSTRUMENT_ID))
                        && state.equals(e.getProperty(InstrumentEvents.STATE))) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + topic + " " + state + " event for " + id + " among " + events.stream()
                .map(e -> e.getTopic() + " " + e.getProperty(InstrumentEvents.INSTRUMENT_ID) + " "
                        + e.getProperty(InstrumentEvents.STATE)).toList());
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndNothingIsWritten() throws Exception {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> addSimulator("r-bad",
                Map.of("driftx", "0", "driftY", "slow", "timing", "fast", "adcBits", "12.5", "channel.height", "maybe")));
        String all = String.join("\n", e.problems());
        assertEquals(5, e.problems().size(), all);
        assertTrue(all.contains("unknown setting 'driftx'") && all.contains("did you mean driftX"), all);
        assertTrue(all.contains("setting 'driftY' must be a number in m/s, got 'slow'"), all);
        assertTrue(all.contains("setting 'timing' must be one of virtual, realtime, got 'fast'"), all);
        assertTrue(all.contains("setting 'adcBits' must be an integer"), all);
        assertTrue(all.contains("setting 'channel.height' must be true or false"), all);
        assertTrue(configurator.configuration("r-bad").isEmpty());
        assertTrue(registry.instrument("r-bad").isEmpty());
        // typed values are checked the same way
        assertThrows(InvalidSettingsException.class,
                () -> configurator.check(simulator().factoryPid(), Map.of("driftX", Double.NaN)));
        assertEquals(Map.of("sampleSeed", 7L, "driftX", 0.0),
                configurator.check(simulator().factoryPid(), Map.of("sampleSeed", 7, "driftX", "0")));
    }

    @Test
    void aNewConfigurationTheDriverRefusesIsDeletedAgain() throws Exception {
        // a number the metatype accepts, but a positive bias minimum is refused by the driver (FAULT)
        DriverRefusedException e = assertThrows(DriverRefusedException.class,
                () -> addSimulator("r-refused", Map.of("bias.min", 5.0)));
        assertTrue(e.reason().contains("bias.min"), e.reason());
        assertTrue(e.getMessage().contains("was not added"), e.getMessage());
        assertTrue(configurator.configuration("r-refused").isEmpty());
        assertTrue(registry.instrument("r-refused").isEmpty());
    }

    @Test
    void aChangeTheDriverRefusesIsRolledBack() throws Exception {
        addSimulator("r-change", Map.of("sampleSeed", 3, "timing", "virtual"));
        Instrument changed = configurator.change("r-change", Map.of("sampleSeed", "7", "driftY", "0"), WAIT);
        assertEquals("sample seed 7", changed.info().serial());
        assertEquals(0.0, configurator.configuration("r-change").orElseThrow().properties().get("driftY"));

        DriverRefusedException e = assertThrows(DriverRefusedException.class,
                () -> configurator.change("r-change", Map.of("bias.max", -1.0), WAIT));
        assertTrue(e.reason().contains("bias.max"), e.reason());
        assertTrue(e.getMessage().contains("restored"), e.getMessage());
        InstrumentConfiguration restored = configurator.configuration("r-change").orElseThrow();
        assertFalse(restored.properties().containsKey("bias.max"), "the previous configuration: " + restored);
        assertEquals(7L, restored.properties().get("sampleSeed"));
        Instrument back = registry.await(i -> i.id().equals("r-change") && !i.properties().containsKey("bias.max"),
                WAIT).orElseThrow();
        assertEquals(State.OFFLINE, back.status().state(), back.status().reason());
        assertEquals("sample seed 7", back.info().serial());

        assertThrows(InvalidSettingsException.class, () -> configurator.change("r-change", Map.of("dirftZ", 0), WAIT));
        assertThrows(InstrumentConfigurationException.class,
                () -> configurator.change("r-nothing", Map.of("driftX", 0), WAIT));
    }

    @Test
    void instrumentIdsThatCannotNameAConfigurationFileAreRefusedPlainly() throws Exception {
        // issue 9 defect 9: a 300-character id failed deep in Config Admin ("Failed to rename
        // configuration file") after the metatype check had passed
        for (String bad : List.of("x" + "a".repeat(300), "has space", "slash/id", "-starts-with-dash", "")) {
            InstrumentConfigurationException e = assertThrows(InstrumentConfigurationException.class,
                    () -> addSimulator(bad, Map.of()), bad);
            assertTrue(e.getMessage().contains("instrument id"), e.getMessage());
            assertTrue(e.getMessage().length() < 250, "the message quotes a long id shortened: " + e.getMessage());
            assertTrue(configurator.configuration(bad).isEmpty());
        }
        Instrument ok = addSimulator("Lab_2.sim-" + "b".repeat(50), Map.of());
        assertEquals(State.OFFLINE, ok.status().state());
        configurator.delete(ok.id(), WAIT);
    }

    @Test
    void deletingRemovesTheInstrument() throws Exception {
        Instrument i = addSimulator("r-delete", Map.of());
        assertEquals(State.OFFLINE, i.status().state());
        assertThrows(InstrumentConfigurationException.class, () -> addSimulator("r-delete", Map.of()),
                "an existing id is refused");
        InstrumentConfiguration gone = configurator.delete("r-delete", WAIT);
        assertEquals(i.configurationPid().orElseThrow(), gone.pid());
        assertTrue(registry.instrument("r-delete").isEmpty());
        assertTrue(configurator.configuration("r-delete").isEmpty());
        assertThrows(InstrumentConfigurationException.class, () -> configurator.delete("r-delete", WAIT));
    }

    @Test
    void waitingForTheDriverIsBounded() throws Exception {
        // no wait at all: the simulator builds its sample on activation, so it cannot be there yet
        DriverTimeoutException e = assertThrows(DriverTimeoutException.class,
                () -> configurator.create(simulator().factoryPid(), "r-slow", Map.of(), Duration.ZERO));
        assertTrue(e.getMessage().contains("no driver registered for 'r-slow' within 0 s"), e.getMessage());
        // what was written stays: the driver comes later
        assertTrue(configurator.configuration("r-slow").isPresent());
        assertTrue(registry.await("r-slow", WAIT).isPresent());
    }
}
