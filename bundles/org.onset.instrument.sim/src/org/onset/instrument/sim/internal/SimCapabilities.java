package org.onset.instrument.sim.internal;

import java.util.EnumMap;
import java.util.Map;

import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.sim.engine.Quantizer;
import org.onset.instrument.sim.engine.SimSettings;

/**
 * Channel ranges of the simulated signal chain, from the converters of the engine's settings: bias
 * from the DAC (±10 V, 12 bits = 4.88 mV), current from the ADC behind the amplifier (±1 V /
 * 1e9 V/A = ±1 nA, 12 bits = 0.49 pA), height from the Z sensor ADC (±1.5 µm, 16 bits = 0.046 nm).
 *
 * <p>Each resolution is the very {@link Quantizer#step()} the engine quantizes with, so every
 * delivered sample is exactly an integer code times the reported resolution (what lets storage keep
 * the codes instead of doubles).
 */
final class SimCapabilities {

    private SimCapabilities() {
    }

    /**
     * @param config   the driver's settings (bias limits, sample rate, whether there is a height channel)
     * @param settings the engine settings the simulator actually runs with
     */
    static Capabilities of(SimulatorConfig config, SimSettings settings) {
        Map<Channel, ChannelSpec> channels = new EnumMap<>(Channel.class);
        channels.put(Channel.BIAS, spec(Channel.BIAS, settings.biasDac()));
        channels.put(Channel.CURRENT, spec(Channel.CURRENT, settings.currentAdc()));
        if (config.heightChannel()) {
            channels.put(Channel.HEIGHT, spec(Channel.HEIGHT, settings.heightAdc()));
        }
        return new Capabilities(channels, config.biasLimits(), config.maxSampleRateHz(), true, true, true);
    }

    private static ChannelSpec spec(Channel channel, Quantizer converter) {
        return new ChannelSpec(channel, -converter.range(), converter.range(), converter.step());
    }
}
