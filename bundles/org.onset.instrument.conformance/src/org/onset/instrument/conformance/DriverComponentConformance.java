package org.onset.instrument.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

/**
 * The OSGi side of the driver contract, as tests every driver bundle passes: one driver service
 * per factory configuration, carrying that configuration's {@code instrument.id}; activation that
 * never waits for the hardware; the service unregistered, and the instance left OFFLINE at 0 V,
 * when its configuration is deleted. A driver's test fragment subclasses this class.
 *
 * @since 1.1
 */
@ConsumerType
public abstract class DriverComponentConformance {

    /** Makes and deletes the driver's factory configurations (closed by this class after each test). */
    protected abstract DriverConfigurations configurations();

    /**
     * Settings of an instrument whose hardware is absent or does not answer (an unroutable address,
     * a missing vendor library): connecting would take long or fail.
     */
    protected abstract Map<String, Object> settingsOfAbsentHardware();

    /** Settings of an instrument whose hardware (or its emulator) answers, when the test has one. */
    protected Optional<Map<String, Object>> settingsOfPresentHardware() {
        return Optional.empty();
    }

    /** Longest time from a new configuration to a usable driver instance, ms. */
    protected long maxActivationMillis() {
        return 2000;
    }

    @AfterEach
    void deleteConfigurations() {
        configurations().close();
    }

    private Map<String, Object> withId(Map<String, Object> settings, String id) {
        Map<String, Object> m = new HashMap<>(settings);
        m.put(InstrumentDriver.INSTRUMENT_ID, id);
        return m;
    }

    @Test
    void oneDriverServicePerFactoryConfigurationWithItsInstrumentId() {
        DriverConfigurations c = configurations();
        Set<Long> before = c.registered().stream().map(r -> (Long) r.getProperty("service.id"))
                .collect(Collectors.toSet());
        List<String> ids = List.of(DriverConfigurations.uniqueId("osgi-a"), DriverConfigurations.uniqueId("osgi-b"),
                DriverConfigurations.uniqueId("osgi-c"));
        Map<String, InstrumentDriver> drivers = new HashMap<>();
        for (String id : ids) {
            drivers.put(id, c.create(withId(settingsOfAbsentHardware(), id)));
        }
        List<ServiceReference<InstrumentDriver>> added = c.registered().stream()
                .filter(r -> !before.contains(r.getProperty("service.id"))).toList();
        Set<Object> registeredIds = new HashSet<>();
        for (ServiceReference<InstrumentDriver> r : added) {
            registeredIds.add(r.getProperty(InstrumentDriver.INSTRUMENT_ID));
        }
        assertEquals(3, added.size(), () -> "three configurations must give three services, got " + added.size());
        assertEquals(Set.copyOf(ids), registeredIds, "each service carries its configuration's instrument.id");
        for (String id : ids) {
            assertEquals(id, drivers.get(id).info().id(), "info().id() equals the instrument.id property");
        }
        assertNotSame(drivers.get(ids.get(0)), drivers.get(ids.get(1)), "one instance per configuration");
        c.delete(drivers.get(ids.get(1)));
        long left = c.registered().stream().filter(r -> !before.contains(r.getProperty("service.id"))).count();
        assertEquals(2, left, "deleting one configuration removes exactly its service");
    }

    @Test
    void activationDoesNotWaitForTheHardware() {
        DriverConfigurations c = configurations();
        long t0 = System.nanoTime();
        Configuration cfg = c.configure(withId(settingsOfAbsentHardware(), DriverConfigurations.uniqueId("osgi-absent")));
        String pid = cfg.getPid();
        InstrumentDriver d = c.awaitDriver(cfg);
        InstrumentStatus s = d.status();
        long activation = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        d.info();
        d.capabilities();
        long calls = (System.nanoTime() - t1) / 1_000_000;
        System.out.printf("[conformance] %s: configuration to active driver %d ms (absent hardware), "
                + "info+capabilities+status %d ms%n", c.factoryPid(), activation, calls);
        try {
            assertAll(() -> assertTrue(activation <= maxActivationMillis(), "activation took " + activation
                    + " ms, more than " + maxActivationMillis() + " ms: it must not wait for the hardware"),
                    () -> assertTrue(calls < 100, "info() and capabilities() took " + calls + " ms"),
                    () -> assertFalse(s.connected(), "a driver is not connected by its activation: " + s),
                    () -> assertFalse(s.reason().isBlank(), "the status says why it is not connected"));
            d.connect();
            InstrumentStatus after = d.status();
            assertAll(() -> assertFalse(after.connected(), "connect() to absent hardware: " + after),
                    () -> assertFalse(after.reason().isBlank(), "connect() to absent hardware says why: " + after));
        } finally {
            try {
                cfg.delete();
            } catch (Exception e) {
                // gone already
            }
            c.awaitGone(pid);
        }
    }

    @Test
    void deletingTheConfigurationUnregistersTheDriverAndLeavesItOffline() {
        DriverConfigurations c = configurations();
        Map<String, Object> settings = settingsOfPresentHardware().orElse(settingsOfAbsentHardware());
        InstrumentDriver d = c.create(withId(settings, DriverConfigurations.uniqueId("osgi-delete")));
        if (settingsOfPresentHardware().isPresent()) {
            d.connect();
            assertEquals(State.ONLINE, d.status().state(), () -> "connect(): " + d.status());
            double v = d.capabilities().biasLimits().minVolts() / 4;
            d.setBias(v);
        }
        long ms = c.delete(d);
        System.out.printf("[conformance] %s: unregistered %d ms after its configuration was deleted%n",
                c.factoryPid(), ms);
        // Declarative Services unregisters the service first and calls the deactivate method after
        // it, on its own thread: on a loaded machine the instance may still be going offline here
        long until = System.nanoTime() + 10_000_000_000L;
        while (d.status().state() != State.OFFLINE && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertAll(() -> assertEquals(State.OFFLINE, d.status().state(), "the stopped instance: " + d.status()),
                () -> assertEquals(0.0, d.bias(), "the stopped instance's bias"));
        d.connect();
        assertFalse(d.status().connected(), "a stopped instance does not connect again: " + d.status());
    }
}
