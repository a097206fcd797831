package org.onset.instrument.sim.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;

/**
 * Channel ranges of the simulated signal chain. The current range follows from the ADC input range
 * and the amplifier gain (±1 V / 1e9 V/A = ±1 nA, one LSB of 12 bits = 0.49 pA).
 *
 * <p>The engine's settings are looked up by name in {@link SimulatorConfig#engineValues()}; the
 * names below are the ones the engine documents, with the PHYSICS.md values as fallback so that a
 * renamed engine setting degrades to the calibration default instead of breaking the driver.
 */
final class SimCapabilities {

    static final List<String> GAIN_NAMES = List.of("amplifierGain", "currentGain", "gain");
    static final List<String> ADC_RANGE_NAMES = List.of("adcRange", "adcRangeVolts", "adcFullScale");
    static final List<String> ADC_BITS_NAMES = List.of("adcBits", "adcResolutionBits");
    static final double DEFAULT_GAIN = 1e9;
    static final double DEFAULT_ADC_RANGE = 1.0;
    static final double DEFAULT_ADC_BITS = 12;
    /** 12-bit DAC over ±10 V. */
    static final double DAC_STEP = 2 * SimulatorConfig.DAC_RANGE_VOLTS / 4096;
    /** Z sensor range of a typical AFM scanner, m; the simulated Z is not quantized. */
    static final double Z_RANGE = 5e-6;
    static final double Z_RESOLUTION = 1e-12;

    private SimCapabilities() {
    }

    static Capabilities of(SimulatorConfig config) {
        Map<String, Double> v = config.engineValues();
        double gain = first(v, GAIN_NAMES, DEFAULT_GAIN);
        double adcRange = first(v, ADC_RANGE_NAMES, DEFAULT_ADC_RANGE);
        double bits = first(v, ADC_BITS_NAMES, DEFAULT_ADC_BITS);
        double fullScale = adcRange / gain;
        double lsb = 2 * fullScale / Math.pow(2, bits);
        Map<Channel, ChannelSpec> channels = new EnumMap<>(Channel.class);
        channels.put(Channel.BIAS, new ChannelSpec(Channel.BIAS, -SimulatorConfig.DAC_RANGE_VOLTS,
                SimulatorConfig.DAC_RANGE_VOLTS, DAC_STEP));
        channels.put(Channel.CURRENT, new ChannelSpec(Channel.CURRENT, -fullScale, fullScale, lsb));
        if (config.heightChannel()) {
            channels.put(Channel.HEIGHT, new ChannelSpec(Channel.HEIGHT, -Z_RANGE, Z_RANGE, Z_RESOLUTION));
        }
        return new Capabilities(channels, config.biasLimits(), config.maxSampleRateHz(), true, true, true);
    }

    private static double first(Map<String, Double> values, List<String> names, double fallback) {
        for (String n : names) {
            Double d = values.get(n);
            if (d != null && d > 0 && Double.isFinite(d)) {
                return d;
            }
        }
        return fallback;
    }
}
