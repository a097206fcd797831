package org.onset.instrument.sim.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every model parameter of the simulated LICGC instrument (PHYSICS.md), SI units. The defaults are
 * the calibration of PHYSICS.md, not measured truths; {@link #specs()} documents each one.
 *
 * <p>Change one value with {@link #with(String, double)}; {@link #validate()} rejects NaN, negative
 * rates, latencies and noise levels, and inconsistent combinations with an
 * {@link IllegalArgumentException} that names the setting.
 *
 * @param sampleSeed             seed of the microstructure and, mixed with the pixel position, of each pixel's random stream
 * @param sampleWidth            m
 * @param sampleHeight           m
 * @param gridStep               m
 * @param grainMeanSize          m
 * @param alpo4AreaFraction      1
 * @param alpo4RadiusMedian      m
 * @param alpo4RadiusLogSigma    1
 * @param alpo4RadiusMin         m
 * @param alpo4RadiusMax         m
 * @param eta50Matrix            V
 * @param eta50NoiseSigma        V
 * @param eta50NoiseCorrelation  m
 * @param alpo4ProximityDrop     V
 * @param alpo4ProximityLength   m
 * @param boundaryDrop           V
 * @param boundaryLength         m
 * @param eta50Floor             V
 * @param topographyCoarseRms    m
 * @param topographyCoarseCorrelation m
 * @param topographyFineRms      m
 * @param topographyFineCorrelation m
 * @param alpo4Relief            m
 * @param grooveDepth            m
 * @param grooveWidth            m
 * @param tipRadius              m
 * @param thresholdPotential     V
 * @param hazardPrefactor        1/s
 * @param barrierFactor          1
 * @param capAspect              1
 * @param nucleusBaseRadius      m
 * @param transferenceNumber     1
 * @param molarVolume            m³/mol
 * @param contactResistance      Ω
 * @param electrolyteConductivity S/m
 * @param exchangeCurrentDensity A/m²
 * @param transferCoefficient    1
 * @param temperature            K
 * @param amplifierGain          V/A
 * @param currentLowPass         Hz
 * @param currentNoise           A
 * @param parasiticCapacitance   F
 * @param adcBits                1
 * @param adcRange               V
 * @param dacBits                1
 * @param dacRange               V
 * @param heightLowPassTime      s
 * @param heightNoise            m
 * @param heightSensorBits       1
 * @param heightSensorRange      m
 * @param driftX                 m/s
 * @param driftY                 m/s
 * @param driftZ                 m/s
 * @param detectionLatency       s
 */
public record SimSettings(
        long sampleSeed,
        double sampleWidth,
        double sampleHeight,
        double gridStep,
        double grainMeanSize,
        double alpo4AreaFraction,
        double alpo4RadiusMedian,
        double alpo4RadiusLogSigma,
        double alpo4RadiusMin,
        double alpo4RadiusMax,
        double eta50Matrix,
        double eta50NoiseSigma,
        double eta50NoiseCorrelation,
        double alpo4ProximityDrop,
        double alpo4ProximityLength,
        double boundaryDrop,
        double boundaryLength,
        double eta50Floor,
        double topographyCoarseRms,
        double topographyCoarseCorrelation,
        double topographyFineRms,
        double topographyFineCorrelation,
        double alpo4Relief,
        double grooveDepth,
        double grooveWidth,
        double tipRadius,
        double thresholdPotential,
        double hazardPrefactor,
        double barrierFactor,
        double capAspect,
        double nucleusBaseRadius,
        double transferenceNumber,
        double molarVolume,
        double contactResistance,
        double electrolyteConductivity,
        double exchangeCurrentDensity,
        double transferCoefficient,
        double temperature,
        double amplifierGain,
        double currentLowPass,
        double currentNoise,
        double parasiticCapacitance,
        int adcBits,
        double adcRange,
        int dacBits,
        double dacRange,
        double heightLowPassTime,
        double heightNoise,
        int heightSensorBits,
        double heightSensorRange,
        double driftX,
        double driftY,
        double driftZ,
        double detectionLatency) {

    /** Faraday constant, C/mol (exact, SI 2019). */
    public static final double FARADAY = 96485.33212;
    /** Molar gas constant, J/(mol·K) (exact, SI 2019). */
    public static final double GAS_CONSTANT = 8.314462618;

    private static final double INF = Double.POSITIVE_INFINITY;

    /** One row of the settings table: documentation plus the allowed range. */
    private record Rule(SettingSpec spec, double min, boolean minInclusive, double max, boolean maxInclusive) {
        String rangeText() {
            String lo = (minInclusive ? "[" : "(") + format(min);
            String hi = max == INF ? "∞)" : format(max) + (maxInclusive ? "]" : ")");
            return lo + ", " + hi;
        }

        private static String format(double v) {
            return v == -INF ? "-∞" : Double.toString(v);
        }
    }

    private static final Map<String, Rule> RULES = buildRules();
    private static final List<SettingSpec> SPECS = Collections
            .unmodifiableList(RULES.values().stream().map(Rule::spec).toList());

    private static Map<String, Rule> buildRules() {
        Map<String, Rule> t = new LinkedHashMap<>();
        // sample and microstructure
        add(t, "sampleSeed", "1", 11, "Seed of the microstructure; mixed with each pixel position it also seeds"
                + " that pixel's random stream (integer)", -9.007199254740991E15, true, 9.007199254740991E15, true);
        add(t, "sampleWidth", "m", 2e-6, "Width (x) of the simulated sample patch", 0, false, 1e-4, true);
        add(t, "sampleHeight", "m", 2e-6, "Height (y) of the simulated sample patch", 0, false, 1e-4, true);
        add(t, "gridStep", "m", 5e-9, "Grid step of the microstructure fields (noise, topography)", 0, false, INF,
                false);
        add(t, "grainMeanSize", "m", 300e-9, "Mean equivalent-circle diameter of the Voronoi matrix grains", 0,
                false, INF, false);
        add(t, "alpo4AreaFraction", "1", 0.08, "Area fraction covered by AlPO4 inclusions (non-overlapping disks)",
                0, true, 0.3, true);
        add(t, "alpo4RadiusMedian", "m", 90e-9, "Median radius of the log-normal AlPO4 disk radii", 0, false, INF,
                false);
        add(t, "alpo4RadiusLogSigma", "1", 0.3, "Standard deviation of ln(radius) of the AlPO4 disks", 0, true, 3,
                true);
        add(t, "alpo4RadiusMin", "m", 50e-9, "AlPO4 radii are clipped to at least this", 0, false, INF, false);
        add(t, "alpo4RadiusMax", "m", 150e-9, "AlPO4 radii are clipped to at most this", 0, false, INF, false);
        add(t, "eta50Matrix", "V", 0.66, "Median nucleation overpotential eta50 of the matrix far from AlPO4 and"
                + " grain boundaries (median onset -(E_th + eta50))", 0, false, INF, false);
        add(t, "eta50NoiseSigma", "V", 0.22, "RMS of the smooth spatial noise added to eta50", 0, true, INF, false);
        add(t, "eta50NoiseCorrelation", "m", 80e-9, "Correlation length of the eta50 noise (correlation 1/e at"
                + " this distance)", 0, false, INF, false);
        add(t, "alpo4ProximityDrop", "V", 0.45, "Drop of eta50 next to AlPO4: -drop*exp(-d_A/length)", 0, true, INF,
                false);
        add(t, "alpo4ProximityLength", "m", 25e-9, "Decay length of the AlPO4 proximity drop", 0, false, INF,
                false);
        add(t, "boundaryDrop", "V", 0.12, "Drop of eta50 at matrix grain boundaries: -drop*exp(-d_GB/length)", 0,
                true, INF, false);
        add(t, "boundaryLength", "m", 10e-9, "Decay length of the grain-boundary drop", 0, false, INF, false);
        add(t, "eta50Floor", "V", 0.05, "Lowest local eta50 on the matrix", 0, false, INF, false);
        add(t, "topographyCoarseRms", "m", 1.5e-9, "RMS of the coarse topography noise", 0, true, INF, false);
        add(t, "topographyCoarseCorrelation", "m", 60e-9, "Correlation length of the coarse topography noise", 0,
                false, INF, false);
        add(t, "topographyFineRms", "m", 0.4e-9, "RMS of the fine topography noise", 0, true, INF, false);
        add(t, "topographyFineCorrelation", "m", 15e-9, "Correlation length of the fine topography noise", 0, false,
                INF, false);
        add(t, "alpo4Relief", "m", 2e-9, "AlPO4 inclusions stand this high above the matrix", -INF, false, INF,
                false);
        add(t, "grooveDepth", "m", 1e-9, "Depth of the grooves at matrix grain boundaries", 0, true, INF, false);
        add(t, "grooveWidth", "m", 10e-9, "Decay length of the groove profile: -depth*exp(-d_GB/width)", 0, false,
                INF, false);
        add(t, "tipRadius", "m", 30e-9, "Radius of the spherical AFM tip apex that dilates the topography (0: no"
                + " dilation)", 0, true, INF, false);
        // onset
        add(t, "thresholdPotential", "V", 3.04, "Thermodynamic threshold E_th (Li2O reduction); overpotential"
                + " eta = -V - E_th", 0, true, INF, false);
        add(t, "hazardPrefactor", "1/s", 225, "Nucleation hazard prefactor K in h = K*exp(-B/eta^2)", 0, false, INF,
                false);
        add(t, "barrierFactor", "1", 3.3, "Barrier B = factor*eta50^2: puts the median onset at the local eta50", 0,
                false, INF, false);
        // growth
        add(t, "capAspect", "1", 0.1, "Aspect k = h/b of the spherical-cap Li particle", 0, false, 1, true);
        add(t, "nucleusBaseRadius", "m", 2e-9, "Base radius b0 of the critical nucleus", 0, false, INF, false);
        add(t, "transferenceNumber", "1", 1, "Li+ transference number t_Li: dV/dt = t_Li*|I|*V_m/F", 0, false, 1,
                true);
        add(t, "molarVolume", "m3/mol", 13.0e-6, "Molar volume V_m of Li metal", 0, false, INF, false);
        add(t, "contactResistance", "Ohm", 1e10, "Series resistance R0 (spreading resistance of the nm Hertz"
                + " contact)", 0, true, INF, false);
        add(t, "electrolyteConductivity", "S/m", 1e-2, "Ionic conductivity sigma of the glass ceramic; spreading"
                + " resistance of the particle 1/(4*sigma*b)", 0, false, INF, false);
        add(t, "exchangeCurrentDensity", "A/m2", 10, "Exchange current density i0 of Li/Li+ (Butler-Volmer)", 0,
                false, INF, false);
        add(t, "transferCoefficient", "1", 0.5, "Charge-transfer coefficient alpha (Butler-Volmer)", 0, false, 1,
                false);
        add(t, "temperature", "K", 298.15, "Temperature in f = F/(R*T)", 150, true, 1000, true);
        // current chain
        add(t, "amplifierGain", "V/A", 1e9, "Transimpedance gain of the current amplifier", 0, false, INF, false);
        add(t, "currentLowPass", "Hz", 1000, "Corner frequency of the one-pole low-pass of the current amplifier",
                0, false, INF, false);
        add(t, "currentNoise", "A", 0.3e-12, "RMS white noise on the recorded current", 0, true, INF, false);
        add(t, "parasiticCapacitance", "F", 0.3e-12, "Parasitic tip capacitance: adds C*dV/dt to the current", 0,
                true, INF, false);
        add(t, "adcBits", "1", 12, "Resolution of the ADC digitizing the amplifier output (integer)", 2, true, 24,
                true);
        add(t, "adcRange", "V", 1, "ADC input range +-adcRange; with the gain it sets the current range", 0, false,
                INF, false);
        add(t, "dacBits", "1", 12, "Resolution of the bias DAC (integer)", 2, true, 24, true);
        add(t, "dacRange", "V", 10, "Bias DAC range +-dacRange; the step is 2*range/2^bits", 0, false, INF, false);
        // height chain
        add(t, "heightLowPassTime", "s", 1e-3, "Time constant of the one-pole low-pass of the Z signal", 0, true,
                INF, false);
        add(t, "heightNoise", "m", 0.05e-9, "RMS white noise on the recorded height", 0, true, INF, false);
        // a closed-loop scanner reads its Z sensor with a 16-bit ADC; ±1.5 µm covers the topography and
        // even uncontrolled µm-size particles, and its LSB (0.046 nm) stays below the 0.05 nm noise
        add(t, "heightSensorBits", "1", 16, "Resolution of the ADC digitizing the Z sensor (integer); the recorded"
                + " height is a multiple of its step 2*heightSensorRange/2^bits", 2, true, 24, true);
        add(t, "heightSensorRange", "m", 1.5e-6, "Z sensor range +-heightSensorRange around the mean surface;"
                + " heights beyond it saturate", 0, false, INF, false);
        add(t, "driftX", "m/s", 2e-9 / 60, "Thermal drift of the tip relative to the sample in x (applied by the driver's positioner over a map)", -INF,
                false, INF, false);
        add(t, "driftY", "m/s", -1e-9 / 60, "Thermal drift of the tip relative to the sample in y (applied by the driver's positioner)", -INF, false, INF, false);
        add(t, "driftZ", "m/s", 3e-9 / 60, "Thermal drift of the height signal (Z), added during each ramp", -INF, false, INF, false);
        // compliance loop
        add(t, "detectionLatency", "s", 20e-3, "Latency tau_L between the sample at which the cutoff rule fires and"
                + " the end of the ramp (software-polled loop: 15-25 ms)", 0, true, INF, false);
        return Collections.unmodifiableMap(t);
    }

    private static void add(Map<String, Rule> table, String name, String unit, double def, String description,
            double min, boolean minInclusive, double max, boolean maxInclusive) {
        table.put(name, new Rule(new SettingSpec(name, unit, def, description), min, minInclusive, max, maxInclusive));
    }

    /** The calibrated defaults of PHYSICS.md. */
    public static SimSettings defaults() {
        double[] values = SPECS.stream().mapToDouble(SettingSpec::defaultValue).toArray();
        return fromValues(values);
    }

    /** Name, unit, default and description of every setting, in component order. */
    public static List<SettingSpec> specs() {
        return SPECS;
    }

    /** The spec of one setting. */
    public static SettingSpec spec(String name) {
        Rule r = RULES.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown simulator setting '" + name + "'");
        }
        return r.spec();
    }

    /** All values, in component order (integers as doubles). */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        RecordComponent[] comps = SimSettings.class.getRecordComponents();
        for (RecordComponent c : comps) {
            m.put(c.getName(), valueOf(c));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The value of one setting, in its unit (integers as doubles). */
    public double get(String name) {
        spec(name);
        for (RecordComponent c : SimSettings.class.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return valueOf(c);
            }
        }
        throw new IllegalStateException("setting table and record disagree on '" + name + "'");
    }

    /**
     * A copy with one setting changed.
     *
     * @throws IllegalArgumentException naming the setting when it is unknown, not an integer where one
     *         is needed, or outside its allowed range
     */
    public SimSettings with(String name, double value) {
        Rule rule = RULES.get(name);
        if (rule == null) {
            throw new IllegalArgumentException("unknown simulator setting '" + name + "'");
        }
        check(rule, value);
        RecordComponent[] comps = SimSettings.class.getRecordComponents();
        double[] values = new double[comps.length];
        for (int i = 0; i < comps.length; i++) {
            values[i] = comps[i].getName().equals(name) ? value : valueOf(comps[i]);
        }
        SimSettings changed = fromValues(values);
        changed.validate();
        return changed;
    }

    /** A copy with several settings changed (name → value); each is checked like {@link #with}. */
    public SimSettings with(Map<String, ? extends Number> changes) {
        SimSettings s = this;
        for (Map.Entry<String, ? extends Number> e : changes.entrySet()) {
            Rule rule = RULES.get(e.getKey());
            if (rule == null) {
                throw new IllegalArgumentException("unknown simulator setting '" + e.getKey() + "'");
            }
            check(rule, e.getValue().doubleValue());
        }
        RecordComponent[] comps = SimSettings.class.getRecordComponents();
        double[] values = new double[comps.length];
        for (int i = 0; i < comps.length; i++) {
            Number n = changes.get(comps[i].getName());
            values[i] = n != null ? n.doubleValue() : s.valueOf(comps[i]);
        }
        SimSettings changed = fromValues(values);
        changed.validate();
        return changed;
    }

    /**
     * A copy with every entry of {@code properties} whose key is a setting name applied, e.g. a DS
     * component configuration; other keys ("instrument.id", "service.pid", ...) are ignored. Values
     * may be numbers or numeric strings.
     *
     * @throws IllegalArgumentException naming the setting when a value is not a number or is invalid
     */
    public SimSettings withProperties(Map<String, ?> properties) {
        Map<String, Double> changes = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            if (!RULES.containsKey(e.getKey()) || e.getValue() == null) {
                continue;
            }
            Object v = e.getValue();
            double value;
            if (v instanceof Number n) {
                value = n.doubleValue();
            } else {
                try {
                    value = Double.parseDouble(v.toString().trim());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("setting '" + e.getKey() + "' = '" + v + "' is not a number");
                }
            }
            changes.put(e.getKey(), value);
        }
        return changes.isEmpty() ? this : with(changes);
    }

    /**
     * Checks every setting and their combinations.
     *
     * @throws IllegalArgumentException "setting 'name' = value ..." for the first bad one
     */
    public void validate() {
        for (RecordComponent c : SimSettings.class.getRecordComponents()) {
            check(RULES.get(c.getName()), valueOf(c));
        }
        if (alpo4RadiusMin > alpo4RadiusMax) {
            throw bad("alpo4RadiusMin", alpo4RadiusMin, "must not exceed alpo4RadiusMax = " + alpo4RadiusMax + " m");
        }
        if (gridStep * 8 > Math.min(sampleWidth, sampleHeight)) {
            throw bad("gridStep", gridStep, "must be at most 1/8 of the sample width and height");
        }
        double cells = (sampleWidth / gridStep + 1) * (sampleHeight / gridStep + 1);
        if (cells > 16e6) {
            throw bad("gridStep", gridStep, "gives " + (long) cells
                    + " grid points over the sample; at most 16 million are allowed");
        }
        if (grainMeanSize < 2 * gridStep) {
            throw bad("grainMeanSize", grainMeanSize, "must be at least two grid steps (" + 2 * gridStep + " m)");
        }
        double grains = sampleWidth * sampleHeight / (Math.PI / 4 * grainMeanSize * grainMeanSize);
        if (grains > 20000) {
            throw bad("grainMeanSize", grainMeanSize, "gives " + (long) grains + " grains; at most 20000 are allowed");
        }
        if (alpo4AreaFraction > 0 && 2 * alpo4RadiusMin > Math.min(sampleWidth, sampleHeight)) {
            throw bad("alpo4RadiusMin", alpo4RadiusMin, "AlPO4 disks do not fit in the sample");
        }
    }

    private static void check(Rule rule, double value) {
        String name = rule.spec().name();
        if (Double.isNaN(value)) {
            throw bad(name, value, "is not a number");
        }
        boolean belowMin = rule.minInclusive() ? value < rule.min() : value <= rule.min();
        boolean aboveMax = rule.maxInclusive() ? value > rule.max() : value >= rule.max();
        if (Double.isInfinite(value) || belowMin || aboveMax) {
            throw bad(name, value, "must be finite and in " + rule.rangeText() + " " + rule.spec().unit());
        }
        if (isInteger(name) && value != Math.rint(value)) {
            throw bad(name, value, "must be an integer");
        }
    }

    /** True for the settings that take integer values (seed, bit counts); false for the others. */
    public static boolean isInteger(String name) {
        spec(name);
        for (RecordComponent c : SimSettings.class.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c.getType() != double.class;
            }
        }
        return false;
    }

    private static IllegalArgumentException bad(String name, double value, String why) {
        SettingSpec s = RULES.get(name).spec();
        return new IllegalArgumentException("setting '" + name + "' = " + value + " " + s.unit() + " " + why);
    }

    private double valueOf(RecordComponent c) {
        try {
            Object v = c.getAccessor().invoke(this);
            return ((Number) v).doubleValue();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read setting " + c.getName(), e);
        }
    }

    private static SimSettings fromValues(double[] values) {
        RecordComponent[] comps = SimSettings.class.getRecordComponents();
        Class<?>[] types = new Class<?>[comps.length];
        Object[] args = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            if (types[i] == long.class) {
                args[i] = (long) values[i];
            } else if (types[i] == int.class) {
                args[i] = (int) values[i];
            } else {
                args[i] = values[i];
            }
        }
        try {
            Constructor<SimSettings> ctor = SimSettings.class.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("settings table and record disagree", e);
        }
    }

    static {
        // the table documents the record: same names, same order, or the class refuses to load
        RecordComponent[] comps = SimSettings.class.getRecordComponents();
        List<String> names = new ArrayList<>();
        for (RecordComponent c : comps) {
            names.add(c.getName());
        }
        if (!names.equals(new ArrayList<>(RULES.keySet()))) {
            throw new ExceptionInInitializerError("SimSettings components " + names + " differ from the settings table "
                    + RULES.keySet());
        }
    }

    // ---- derived quantities the engine uses -------------------------------------------------------

    /** f = F/(R·T), 1/V. */
    public double faradayOverRT() {
        return FARADAY / (GAS_CONSTANT * temperature);
    }

    /** The bias DAC, V: the engine's bias values and the driver's BIAS channel both come from it. */
    public Quantizer biasDac() {
        return new Quantizer(dacRange, dacBits);
    }

    /** The current ADC expressed in amperes (its input range divided by the amplifier gain). */
    public Quantizer currentAdc() {
        return new Quantizer(currentRange(), adcBits);
    }

    /** The Z sensor ADC, m. */
    public Quantizer heightAdc() {
        return new Quantizer(heightSensorRange, heightSensorBits);
    }

    /** Bias DAC step, V. */
    public double dacStep() {
        return biasDac().step();
    }

    /** One ADC LSB expressed as current, A. */
    public double currentResolution() {
        return currentAdc().step();
    }

    /** One Z sensor ADC LSB, m. */
    public double heightResolution() {
        return heightAdc().step();
    }

    /** Largest measurable current magnitude, A. */
    public double currentRange() {
        return adcRange / amplifierGain;
    }

    /** Li volume deposited per coulomb, m³/C: t_Li·V_m/F. */
    public double volumePerCharge() {
        return transferenceNumber * molarVolume / FARADAY;
    }
}
