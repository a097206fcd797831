package org.onset.instrument.sim.internal;

import java.util.EnumMap;
import java.util.Map;

import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;

/**
 * Channel ranges of the simulated signal chain, from the engine's settings: the current range
 * follows from the ADC input range and the amplifier gain (±1 V / 1e9 V/A = ±1 nA, one LSB of
 * 12 bits = 0.49 pA), the bias range and step from the DAC (±10 V, 12 bits = 4.88 mV).
 *
 * <p>The engine settings are looked up by name in {@link SimulatorConfig#engineValues()}, with the
 * PHYSICS.md values as fallback, so that a renamed engine setting degrades to the calibration
 * default instead of breaking the driver.
 */
final class SimCapabilities {

    static final String GAIN = "amplifierGain";
    static final String ADC_RANGE = "adcRange";
    static final String ADC_BITS = "adcBits";
    static final String DAC_RANGE = "dacRange";
    static final String DAC_BITS = "dacBits";
    /** Z sensor range of a typical AFM scanner, m; the simulated Z is not quantized. */
    static final double Z_RANGE = 5e-6;
    static final double Z_RESOLUTION = 1e-12;

    private SimCapabilities() {
    }

    static Capabilities of(SimulatorConfig config) {
        Map<String, Double> v = config.engineValues();
        double fullScale = value(v, ADC_RANGE, 1.0) / value(v, GAIN, 1e9);
        double lsb = 2 * fullScale / Math.pow(2, value(v, ADC_BITS, 12));
        double dacRange = dacRange(v);
        double dacStep = 2 * dacRange / Math.pow(2, value(v, DAC_BITS, 12));
        Map<Channel, ChannelSpec> channels = new EnumMap<>(Channel.class);
        channels.put(Channel.BIAS, new ChannelSpec(Channel.BIAS, -dacRange, dacRange, dacStep));
        channels.put(Channel.CURRENT, new ChannelSpec(Channel.CURRENT, -fullScale, fullScale, lsb));
        if (config.heightChannel()) {
            channels.put(Channel.HEIGHT, new ChannelSpec(Channel.HEIGHT, -Z_RANGE, Z_RANGE, Z_RESOLUTION));
        }
        return new Capabilities(channels, config.biasLimits(), config.maxSampleRateHz(), true, true, true);
    }

    /** Output range of the bias DAC, ±V. */
    static double dacRange(Map<String, Double> engineValues) {
        return value(engineValues, DAC_RANGE, 10.0);
    }

    /** A setting by name, or the fallback when the engine has no such setting. */
    static double value(Map<String, Double> values, String name, double fallback) {
        Double d = values.get(name);
        return d != null && d > 0 && Double.isFinite(d) ? d : fallback;
    }
}
