package org.onset.instrument.scpi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings of one SCPI source-measure unit (factory PID {@value #PID}), as the metatype in
 * {@code OSGI-INF/metatype} declares them. Bad values never fail activation: they are collected in
 * {@link #problems()} and the instrument stays in FAULT naming them.
 *
 * @param instrumentId    service property instrument.id
 * @param name            name shown to users
 * @param host            host name or address of the instrument's raw SCPI socket
 * @param port            TCP port (5025 on Keithley instruments)
 * @param timeoutSeconds  longest wait for a reply or a connection, s
 * @param complianceAmps  current compliance (the SMU clamps the current there), A
 * @param minVolts        most negative bias allowed, V
 * @param maxVolts        most positive bias allowed, V
 * @param maxRate         largest ramp rate allowed, V/s
 * @param maxSampleRateHz highest sample rate of a ramp, Hz
 * @param pollSeconds     interval at which the reading buffer is fetched during a ramp, s
 * @param problems        what is wrong with the settings, empty when nothing
 */
record ScpiConfig(String instrumentId, String name, String host, int port, double timeoutSeconds,
        double complianceAmps, double minVolts, double maxVolts, double maxRate, double maxSampleRateHz,
        double pollSeconds, List<String> problems) {

    static final String PID = "org.onset.instrument.scpi";

    static ScpiConfig parse(Map<String, Object> p) {
        List<String> problems = new ArrayList<>();
        Object idValue = p.get("instrument.id");
        String id = idValue instanceof String s && !s.isBlank() ? s : "scpi-unnamed";
        if (!(idValue instanceof String s2) || s2.isBlank()) {
            problems.add("instrument.id is missing");
        }
        String name = text(p, "name", "");
        if (name.isBlank()) {
            name = "SCPI source-measure unit (" + id + ")";
        }
        String host = text(p, "host", "127.0.0.1");
        int port = (int) number(p, "port", 5025, 1, 65535, problems);
        double timeout = number(p, "timeout", 2.0, 0.01, 60, problems);
        double compliance = number(p, "compliance.current", 100e-9, 1e-12, 1.0, problems);
        double min = number(p, "bias.min", -10, -210, 0, problems);
        double max = number(p, "bias.max", 10, 0, 210, problems);
        double rate = number(p, "bias.maxRate", 100, 1e-6, 1e6, problems);
        double sampleRate = number(p, "sampleRate.max", 1000, 1e-3, 1e6, problems);
        double poll = number(p, "poll.interval", 0.005, 0.0005, 1, problems);
        if (host.isBlank()) {
            problems.add("host is empty");
        }
        return new ScpiConfig(id, name, host, port, timeout, compliance, min, max, rate, sampleRate, poll,
                List.copyOf(problems));
    }

    boolean valid() {
        return problems.isEmpty();
    }

    String problemSummary() {
        return "invalid settings: " + String.join("; ", problems);
    }

    String address() {
        return host + ":" + port;
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
