package org.onset.instrument.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an instrument can do. A driver without a height channel simply has no
 * {@link Channel#HEIGHT} entry; consumers must check before arming a height cutoff.
 *
 * @param channels        acquired channels with range and resolution
 * @param biasLimits      limits enforced on the bias output
 * @param maxSampleRateHz highest sample rate of a ramp
 * @param hardwareCutoff  true when the cutoff rule is evaluated by the hardware (abort within one
 *                        sample); false when the driver checks it as each block arrives
 * @param hasPositioner   true when {@link InstrumentDriver#positioner()} is present
 * @param hasTopography   true when {@link InstrumentDriver#topography()} is present
 */
public record Capabilities(Map<Channel, ChannelSpec> channels, BiasLimits biasLimits, double maxSampleRateHz,
        boolean hardwareCutoff, boolean hasPositioner, boolean hasTopography) {

    public Capabilities {
        EnumMap<Channel, ChannelSpec> copy = new EnumMap<>(Channel.class);
        copy.putAll(channels);
        if (!copy.containsKey(Channel.BIAS) || !copy.containsKey(Channel.CURRENT)) {
            throw new IllegalArgumentException("an instrument must at least acquire BIAS and CURRENT");
        }
        channels = Collections.unmodifiableMap(copy);
        if (!(maxSampleRateHz > 0)) {
            throw new IllegalArgumentException("maxSampleRateHz must be > 0");
        }
    }

    public boolean has(Channel channel) {
        return channels.containsKey(channel);
    }

    public Optional<ChannelSpec> channel(Channel channel) {
        return Optional.ofNullable(channels.get(channel));
    }
}
