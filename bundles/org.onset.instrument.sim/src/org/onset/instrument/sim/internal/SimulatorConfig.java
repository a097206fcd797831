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
            Map<String, Double> engineValues = new LinkedHashMap<>();
            SimSettings engine = engineSettings(engineValues);
            BiasLimits limits = biasLimits(engine.dacRange());
            double maxRate = number(MAX_SAMPLE_RATE, 100_000, "Hz", v -> v > 0 && v <= 10e6, "in (0, 10 MHz]");
            boolean height = flag(HEIGHT_CHANNEL, true);
            double moveSpeed = number(MOVE_SPEED, 2e-6, "m/s", v -> v > 0, "> 0 m/s");
            double moveOverhead = number(MOVE_OVERHEAD, 0.010, "s", v -> v >= 0, ">= 0 s");
            double lineTime = number(SCAN_LINE_TIME, 0.020, "s", v -> v >= 0, ">= 0 s");
            double scanNoise = number(SCAN_NOISE, 0.05e-9, "m", v -> v >= 0, ">= 0 m");
            FaultPlan faults = new FaultPlan(number(FAULT_AFTER, -1, "s", v -> true, ""),
                    number(LINK_LOSS_AFTER, -1, "s", v -> true, ""), number(HANG_AFTER, -1, "s", v -> true, ""),
                    flag(CONNECT_FAILS, false));
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

        private BiasLimits biasLimits(double dacRange) {
            String range = "in [-" + dacRange + ", 0] V (the DAC range, and 0 V must be allowed)";
            double min = number(BIAS_MIN, -Math.min(10, dacRange), "V", v -> v <= 0 && v >= -dacRange, range);
            double max = number(BIAS_MAX, Math.min(10, dacRange), "V", v -> v >= 0 && v <= dacRange,
                    "in [0, " + dacRange + "] V (the DAC range, and 0 V must be allowed)");
            double rate = number(BIAS_MAX_RATE, 100, "V/s", v -> v > 0, "> 0 V/s");
            return new BiasLimits(min, max, rate);
        }

        /**
         * Applies the engine settings found in the properties. The engine checks combinations as
         * each value is set, so values are applied until no more can be: the order of the
         * properties does not matter, and what is left is reported with the engine's reason.
         */
        private SimSettings engineSettings(Map<String, Double> effective) {
            SimSettings settings = SimSettings.defaults();
            Map<String, Double> pending = new LinkedHashMap<>();
            for (SettingSpec spec : SimSettings.specs()) {
                effective.put(spec.name(), spec.defaultValue());
                if (props.get(spec.name()) != null) {
                    double v = number(spec.name(), Double.NaN, spec.unit(), x -> true, "");
                    if (!Double.isNaN(v)) {
                        pending.put(spec.name(), v);
                    }
                }
            }
            Map<String, String> refused = new LinkedHashMap<>();
            boolean progress = true;
            while (!pending.isEmpty() && progress) {
                progress = false;
                for (var it = pending.entrySet().iterator(); it.hasNext();) {
                    var e = it.next();
                    try {
                        settings = settings.with(e.getKey(), e.getValue());
                        effective.put(e.getKey(), e.getValue());
                        refused.remove(e.getKey());
                        it.remove();
                        progress = true;
                    } catch (IllegalArgumentException ex) {
                        refused.put(e.getKey(), ex.getMessage());
                    }
                }
            }
            refused.forEach((name, why) -> problems.add(why != null && why.contains("'" + name + "'") ? why
                    : "setting '" + name + "': " + why));
            try {
                settings.validate();
                return settings;
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
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
