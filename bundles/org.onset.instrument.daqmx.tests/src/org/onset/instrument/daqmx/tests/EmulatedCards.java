package org.onset.instrument.daqmx.tests;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.conformance.DriverConfigurations;
import org.onset.instrument.daqmx.internal.DaqmxInstrument;
import org.osgi.framework.FrameworkUtil;

/** Real DAQmx driver instances (factory configurations) on devices of the test library. */
final class EmulatedCards implements AutoCloseable {

    static final String PID = "org.onset.instrument.daqmx";

    private final DriverConfigurations configurations = new DriverConfigurations(
            FrameworkUtil.getBundle(DaqmxInstrument.class).getBundleContext(), PID);
    private final Map<InstrumentDriver, String> devices = new IdentityHashMap<>();

    DriverConfigurations configurations() {
        return configurations;
    }

    /** A driver on a fresh device; negative times: no fault. */
    InstrumentDriver create(double faultAfter, double removeAfter, Map<String, Object> extra) {
        String device = FakeDaqmxLibrary.newDevice(faultAfter, removeAfter);
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("library", FakeDaqmxLibrary.path().toString());
        settings.put("device", device);
        InstrumentDriver d = configurations.create(settings);
        synchronized (devices) {
            devices.put(d, device);
        }
        return d;
    }

    String deviceOf(InstrumentDriver d) {
        synchronized (devices) {
            return devices.get(d);
        }
    }

    void release(InstrumentDriver d) {
        configurations.delete(d);
        synchronized (devices) {
            devices.remove(d);
        }
    }

    @Override
    public void close() {
        configurations.close();
        synchronized (devices) {
            devices.clear();
        }
    }
}
