package org.onset.instrument.daqmx.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        List<String> problems = new ArrayList<>();
        Object idValue = p.get("instrument.id");
        String id = idValue instanceof String s && !s.isBlank() ? s : "daqmx-unnamed";
        if (!(idValue instanceof String s2) || s2.isBlank()) {
            problems.add("instrument.id is missing");
        }
        String name = text(p, "name", "");
        if (name.isBlank()) {
            name = "NI DAQ card (" + id + ")";
        }
        String device = text(p, "device", "Dev1");
        if (!device.matches("[A-Za-z][A-Za-z0-9_]*")) {
            problems.add("device = '" + device + "' is not a device name like Dev1");
        }
        String ao = channel(p, "channel.bias", "ao0", "ao", problems, false);
        String ai = channel(p, "channel.current", "ai0", "ai", problems, false);
        String h = channel(p, "channel.height", "ai1", "ai", problems, true);
        double outputRange = number(p, "output.range", 10, 0.1, 10, problems);
        // NI ships libnidaqmx.so on Linux and nicaiu.dll on Windows
        String defaultLibrary = System.getProperty("os.name", "").startsWith("Windows") ? "nicaiu" : "nidaqmx";
        String library = text(p, "library", defaultLibrary);
        DaqmxConfig c = new DaqmxConfig(id, name, library.isEmpty() ? defaultLibrary : library, device, ao, ai, h,
                number(p, "current.gain", 1e9, 1e3, 1e15, problems), number(p, "current.range", 1, 0.05, 10, problems),
                number(p, "height.gain", 1e8, 1e3, 1e12, problems), number(p, "height.range", 10, 0.05, 10, problems),
                outputRange, number(p, "bias.min", -10, -10, 0, problems), number(p, "bias.max", 10, 0, 10, problems),
                number(p, "bias.maxRate", 100, 1e-6, 1e6, problems),
                number(p, "sampleRate.max", 100_000, 1, 10e6, problems),
                number(p, "block", 0.001, 1e-5, 1, problems), problems);
        if (-c.minVolts() > outputRange || c.maxVolts() > outputRange) {
            problems.add("bias limits [" + c.minVolts() + ", " + c.maxVolts() + "] V exceed output.range ±"
                    + outputRange + " V");
        }
        return new DaqmxConfig(c.instrumentId, c.name, c.library, c.device, c.biasChannel, c.currentChannel,
                c.heightChannel, c.currentGain, c.currentRange, c.heightGain, c.heightRange, c.outputRange,
                c.minVolts, c.maxVolts, c.maxRate, c.maxSampleRateHz, c.blockSeconds, List.copyOf(problems));
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

    private static String channel(Map<String, Object> p, String key, String fallback, String kind,
            List<String> problems, boolean mayBeEmpty) {
        String v = text(p, key, fallback);
        if (v.isEmpty() && mayBeEmpty) {
            return v;
        }
        if (!v.matches(kind + "[0-9]{1,3}")) {
            problems.add(key + " = '" + v + "' is not an " + kind.toUpperCase() + " channel like " + kind + "0");
        }
        return v;
    }

    private static String text(Map<String, Object> p, String key, String fallback) {
        Object v = p.get(key);
        return v == null ? fallback : v.toString().trim();
    }

    private static double number(Map<String, Object> p, String key, double fallback, double min, double max,
            List<String> problems) {
        Object v = p.get(key);
        if (v == null) {
            return fallback;
        }
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                problems.add(key + " = '" + v + "' is not a number");
                return fallback;
            }
        }
        if (!(d >= min && d <= max)) {
            problems.add(key + " = " + d + " is outside [" + min + ", " + max + "]");
            return fallback;
        }
        return d;
    }
}
