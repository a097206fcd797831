package org.onset.instrument.daqmx.internal;

import java.util.List;
import java.util.Map;

import org.onset.instrument.support.DriverSettings;

/**
 * The settings of one DAQ card (factory PID {@value #PID}), as the metatype declares them. Bad
 * values never fail activation: they are collected in {@link #problems()} and the instrument stays
 * in FAULT naming them.
 *
 * @param library        the NI-DAQmx shared library: a name JNA searches ("nidaqmx" → libnidaqmx.so,
 *                       nicaiu.dll on Windows) or an absolute path
 * @param device         device name in NI MAX, e.g. Dev1
 * @param biasChannel    analog output of the bias, e.g. ao0
 * @param currentChannel analog input of the current amplifier's output, e.g. ai0
 * @param heightChannel  analog input of the Z sensor, e.g. ai1; empty: no height channel
 * @param currentGain    current amplifier gain, V/A
 * @param currentRange   input range of the current input, ±V
 * @param heightGain     Z sensor sensitivity, V/m
 * @param heightRange    input range of the height input, ±V
 * @param outputRange    output range of the bias output, ±V
 * @param blockSeconds   duration of one acquired block, s: the cutoff rule is checked once per block
 */
record DaqmxConfig(String instrumentId, String name, String library, String device, String biasChannel,
        String currentChannel, String heightChannel, double currentGain, double currentRange, double heightGain,
        double heightRange, double outputRange, double minVolts, double maxVolts, double maxRate,
        double maxSampleRateHz, double blockSeconds, List<String> problems) {

    static final String PID = "org.onset.instrument.daqmx";

    static DaqmxConfig parse(Map<String, Object> p) {
        DriverSettings settings = new DriverSettings(p);
        String id = settings.instrumentId("daqmx-unnamed");
        String name = settings.text("name", "");
        if (name.isBlank()) {
            name = "NI DAQ card (" + id + ")";
        }
        String device = settings.text("device", "Dev1");
        if (!device.matches("[A-Za-z][A-Za-z0-9_]*")) {
            settings.problem("device = '" + device + "' is not a device name like Dev1");
        }
        String ao = channel(settings, "channel.bias", "ao0", "ao", false);
        String ai = channel(settings, "channel.current", "ai0", "ai", false);
        String h = channel(settings, "channel.height", "ai1", "ai", true);
        double outputRange = settings.number("output.range", 10, 0.1, 10);
        // NI ships libnidaqmx.so on Linux and nicaiu.dll on Windows
        String defaultLibrary = System.getProperty("os.name", "").startsWith("Windows") ? "nicaiu" : "nidaqmx";
        String library = settings.text("library", defaultLibrary);
        double currentGain = settings.number("current.gain", 1e9, 1e3, 1e15);
        double currentRange = settings.number("current.range", 1, 0.05, 10);
        double heightGain = settings.number("height.gain", 1e8, 1e3, 1e12);
        double heightRange = settings.number("height.range", 10, 0.05, 10);
        double minVolts = settings.number("bias.min", -10, -10, 0);
        double maxVolts = settings.number("bias.max", 10, 0, 10);
        double maxRate = settings.number("bias.maxRate", 100, 1e-6, 1e6);
        double maxSampleRate = settings.number("sampleRate.max", 100_000, 1, 10e6);
        double block = settings.number("block", 0.001, 1e-5, 1);
        if (-minVolts > outputRange || maxVolts > outputRange) {
            settings.problem("bias limits [" + minVolts + ", " + maxVolts + "] V exceed output.range ±" + outputRange
                    + " V");
        }
        return new DaqmxConfig(id, name, library.isEmpty() ? defaultLibrary : library, device, ao, ai, h,
                currentGain, currentRange, heightGain, heightRange, outputRange, minVolts, maxVolts, maxRate,
                maxSampleRate, block, settings.problems());
    }

    boolean valid() {
        return problems.isEmpty();
    }

    boolean hasHeight() {
        return !heightChannel.isEmpty();
    }

    String problemSummary() {
        return "invalid settings: " + String.join("; ", problems);
    }

    String physical(String channel) {
        return device + "/" + channel;
    }

    private static String channel(DriverSettings settings, String key, String fallback, String kind,
            boolean mayBeEmpty) {
        String v = settings.text(key, fallback);
        if (v.isEmpty() && mayBeEmpty) {
            return v;
        }
        if (!v.matches(kind + "[0-9]{1,3}")) {
            settings.problem(key + " = '" + v + "' is not an " + kind.toUpperCase() + " channel like " + kind + "0");
        }
        return v;
    }
}
