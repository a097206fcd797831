package org.onset.instrument.scpi.internal;

import java.util.List;
import java.util.Map;

import org.onset.instrument.support.DriverSettings;

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
        DriverSettings settings = new DriverSettings(p);
        String id = settings.instrumentId("scpi-unnamed");
        String name = settings.text("name", "");
        if (name.isBlank()) {
            name = "SCPI source-measure unit (" + id + ")";
        }
        String host = settings.text("host", "127.0.0.1");
        int port = (int) settings.number("port", 5025, 1, 65535);
        double timeout = settings.number("timeout", 2.0, 0.01, 60);
        double compliance = settings.number("compliance.current", 100e-9, 1e-12, 1.0);
        double min = settings.number("bias.min", -10, -210, 0);
        double max = settings.number("bias.max", 10, 0, 210);
        double rate = settings.number("bias.maxRate", 100, 1e-6, 1e6);
        double sampleRate = settings.number("sampleRate.max", 1000, 1e-3, 1e6);
        double poll = settings.number("poll.interval", 0.005, 0.0005, 1);
        if (host.isBlank()) {
            settings.problem("host is empty");
        }
        return new ScpiConfig(id, name, host, port, timeout, compliance, min, max, rate, sampleRate, poll,
                settings.problems());
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
}
