package org.onset.instrument.scpi.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConfigurations;
import org.onset.instrument.scpi.internal.ScpiSourceMeter;
import org.osgi.framework.FrameworkUtil;

/**
 * Real SCPI driver instances (factory configurations through Config Admin), each talking to its
 * own emulator on loopback. The emulators' random streams start from a fixed seed
 * ({@code -Donset.test.seed=N} changes it).
 */
final class EmulatedInstruments implements AutoCloseable {

    static final String PID = "org.onset.instrument.scpi";
    static final long SEED = Long.getLong("onset.test.seed", 20261206L);

    private final DriverConfigurations configurations = new DriverConfigurations(
            FrameworkUtil.getBundle(ScpiSourceMeter.class).getBundleContext(), PID);
    private final Map<InstrumentDriver, ScpiEmulator> emulators = new IdentityHashMap<>();
    private long seed = SEED;

    DriverConfigurations configurations() {
        return configurations;
    }

    ScpiEmulator newEmulator(CellModel cell, ScpiEmulator.Faults faults) {
        try {
            return new ScpiEmulator(cell, faults);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CellModel nucleatingCell() {
        return CellModel.nucleating(seed++);
    }

    /** A driver on a new emulator; {@code extra} settings added to host and port. */
    InstrumentDriver create(CellModel cell, ScpiEmulator.Faults faults, Map<String, Object> extra) {
        ScpiEmulator e = newEmulator(cell, faults);
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("host", "127.0.0.1");
        settings.put("port", e.port());
        InstrumentDriver d = configurations.create(settings);
        synchronized (emulators) {
            emulators.put(d, e);
        }
        return d;
    }

    ScpiEmulator emulatorOf(InstrumentDriver d) {
        synchronized (emulators) {
            return emulators.get(d);
        }
    }

    void release(InstrumentDriver d) {
        configurations.delete(d);
        ScpiEmulator e;
        synchronized (emulators) {
            e = emulators.remove(d);
        }
        if (e != null) {
            try {
                e.close();
            } catch (IOException ignored) {
                // loopback socket: nothing to do
            }
        }
    }

    @Override
    public void close() {
        for (InstrumentDriver d : Map.copyOf(emulators).keySet()) {
            release(d);
        }
        configurations.close();
    }
}
