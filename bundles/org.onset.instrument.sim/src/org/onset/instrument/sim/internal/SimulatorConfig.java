package org.onset.instrument.sim.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.BiasLimits;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.sim.engine.SettingSpec;
import org.onset.instrument.sim.engine.SimSettings;

/**
 * The configuration of one simulated instrument, read from its Config Admin properties.
 *
 * <p>Parsing never throws: every bad value is recorded in {@link #problems()} with the name of the
 * setting, and its default is used instead, so that the component can still register and report
 * the problem as a FAULT status.
 *
 * @param engineValues effective value of every engine setting ({@link SimSettings#specs()}), by name
 */
record SimulatorConfig(String instrumentId, String name, TimingMode timing, double speedup, BiasLimits biasLimits,
        double maxSampleRateHz, boolean heightChannel, double moveSpeed, double moveOverhead, double scanLineTime,
        double scanNoise, FaultPlan faults, SimSettings engine, Map<String, Double> engineValues,
        List<String> problems) {

    static final String NAME = "name";
    static final String TIMING = "timing";
    static final String SPEEDUP = "timing.speedup";
    static final String BIAS_MIN = "bias.min";
    static final String BIAS_MAX = "bias.max";
    static final String BIAS_MAX_RATE = "bias.maxRate";
    static final String MAX_SAMPLE_RATE = "sampleRate.max";
    static final String HEIGHT_CHANNEL = "channel.height";
    static final String MOVE_SPEED = "move.speed";
    static final String MOVE_OVERHEAD = "move.overhead";
    static final String SCAN_LINE_TIME = "scan.lineTime";
    static final String SCAN_NOISE = "scan.noise";
    static final String FAULT_AFTER = "fault.afterSeconds";
    static final String LINK_LOSS_AFTER = "disconnect.afterSeconds";
    static final String HANG_AFTER = "hang.afterSeconds";
    static final String CONNECT_FAILS = "connect.fail";

    /** The DAC of the bias output spans ±10 V; limits beyond it cannot be honoured. */
    static final double DAC_RANGE_VOLTS = 10.0;

    SimulatorConfig {
        problems = List.copyOf(problems);
        engineValues = Collections.unmodifiableMap(new LinkedHashMap<>(engineValues));
    }

    /** The same configuration with one more problem. */
    SimulatorConfig withProblem(String problem) {
        List<String> more = new ArrayList<>(problems);
        more.add(problem);
        return new SimulatorConfig(instrumentId, name, timing, speedup, biasLimits, maxSampleRateHz, heightChannel,
                moveSpeed, moveOverhead, scanLineTime, scanNoise, faults, engine, engineValues, more);
    }

    boolean valid() {
        return problems.isEmpty();
    }

    /** All problems in one sentence, for a status reason. */
    String problemSummary() {
        return "invalid configuration: " + String.join("; ", problems);
    }

    static SimulatorConfig parse(Map<String, ?> properties) {
        return new Parser(properties).parse();
    }

    private static final class Parser {
        private final Map<String, ?> props;
        private final List<String> problems = new ArrayList<>();

        Parser(Map<String, ?> props) {
            this.props = props;
        }

        SimulatorConfig parse() {
            String id = instrumentId();
            String name = text(NAME, "Simulated LICGC instrument (" + id + ")");
            TimingMode timing = timing();
            double speedup = number(SPEEDUP, 1.0, "", v -> v > 0, "> 0");
            BiasLimits limits = biasLimits();
            double maxRate = number(MAX_SAMPLE_RATE, 100_000, "Hz", v -> v > 0 && v <= 10e6, "in (0, 10 MHz]");
            boolean height = flag(HEIGHT_CHANNEL, true);
            double moveSpeed = number(MOVE_SPEED, 2e-6, "m/s", v -> v > 0, "> 0 m/s");
            double moveOverhead = number(MOVE_OVERHEAD, 0.010, "s", v -> v >= 0, ">= 0 s");
            double lineTime = number(SCAN_LINE_TIME, 0.020, "s", v -> v >= 0, ">= 0 s");
            double scanNoise = number(SCAN_NOISE, 0.05e-9, "m", v -> v >= 0, ">= 0 m");
            FaultPlan faults = new FaultPlan(number(FAULT_AFTER, -1, "s", v -> true, ""),
                    number(LINK_LOSS_AFTER, -1, "s", v -> true, ""), number(HANG_AFTER, -1, "s", v -> true, ""),
                    flag(CONNECT_FAILS, false));
            Map<String, Double> engineValues = new LinkedHashMap<>();
            SimSettings engine = engineSettings(engineValues);
            return new SimulatorConfig(id, name, timing, speedup, limits, maxRate, height, moveSpeed, moveOverhead,
                    lineTime, scanNoise, faults, engine, engineValues, problems);
        }

        private String instrumentId() {
            Object raw = props.get(InstrumentDriver.INSTRUMENT_ID);
            if (raw instanceof String s && !s.isBlank()) {
                return s.trim();
            }
            problems.add("setting '" + InstrumentDriver.INSTRUMENT_ID + "' is missing or blank; every instrument "
                    + "needs a unique id");
            Object pid = props.get("service.pid");
            return pid == null ? "sim-unnamed" : pid.toString();
        }

        private TimingMode timing() {
            String text = text(TIMING, TimingMode.VIRTUAL.key());
            TimingMode mode = TimingMode.parse(text);
            if (mode == null) {
                problems.add("setting '" + TIMING + "' must be 'virtual' or 'realtime', got '" + text + "'");
                return TimingMode.VIRTUAL;
            }
            return mode;
        }

        private BiasLimits biasLimits() {
            double min = number(BIAS_MIN, -10, "V", v -> v <= 0 && v >= -DAC_RANGE_VOLTS,
                    "in [-" + DAC_RANGE_VOLTS + ", 0] V (the DAC range, and 0 V must be allowed)");
            double max = number(BIAS_MAX, 10, "V", v -> v >= 0 && v <= DAC_RANGE_VOLTS,
                    "in [0, " + DAC_RANGE_VOLTS + "] V (the DAC range, and 0 V must be allowed)");
            double rate = number(BIAS_MAX_RATE, 100, "V/s", v -> v > 0, "> 0 V/s");
            return new BiasLimits(min, max, rate);
        }

        private SimSettings engineSettings(Map<String, Double> effective) {
            SimSettings settings = SimSettings.defaults();
            for (SettingSpec spec : SimSettings.specs()) {
                double value = number(spec.name(), spec.defaultValue(), spec.unit(), v -> true, "");
                try {
                    settings = settings.with(spec.name(), value);
                    effective.put(spec.name(), value);
                } catch (IllegalArgumentException e) {
                    problems.add("setting '" + spec.name() + "': " + e.getMessage());
                    effective.put(spec.name(), spec.defaultValue());
                }
            }
            try {
                settings.validate();
                return settings;
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                effective.clear();
                SimSettings.specs().forEach(s -> effective.put(s.name(), s.defaultValue()));
                return SimSettings.defaults();
            }
        }

        private String text(String key, String fallback) {
            Object raw = props.get(key);
            if (raw == null || raw.toString().isBlank()) {
                return fallback;
            }
            return raw.toString().trim();
        }

        private boolean flag(String key, boolean fallback) {
            Object raw = props.get(key);
            if (raw == null) {
                return fallback;
            }
            if (raw instanceof Boolean b) {
                return b;
            }
            String s = raw.toString().trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            problems.add("setting '" + key + "' must be true or false, got '" + raw + "'");
            return fallback;
        }

        private double number(String key, double fallback, String unit, java.util.function.DoublePredicate ok,
                String rule) {
            Object raw = props.get(key);
            if (raw == null || raw.toString().isBlank()) {
                return fallback;
            }
            double v;
            if (raw instanceof Number n) {
                v = n.doubleValue();
            } else {
                try {
                    v = Double.parseDouble(raw.toString().trim());
                } catch (NumberFormatException e) {
                    problems.add("setting '" + key + "' must be a number" + unitSuffix(unit) + ", got '" + raw + "'");
                    return fallback;
                }
            }
            if (!Double.isFinite(v)) {
                problems.add("setting '" + key + "' must be a finite number" + unitSuffix(unit) + ", got " + v);
                return fallback;
            }
            if (!ok.test(v)) {
                problems.add("setting '" + key + "' = " + v + (unit.isEmpty() ? "" : " " + unit) + " must be " + rule);
                return fallback;
            }
            return v;
        }

        private static String unitSuffix(String unit) {
            return unit.isEmpty() ? "" : " in " + unit;
        }
    }
}
