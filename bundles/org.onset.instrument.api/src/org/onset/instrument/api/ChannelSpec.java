package org.onset.instrument.api;

import java.util.Objects;

/**
 * Range and resolution of one acquired channel.
 *
 * @param channel    which channel
 * @param min        lowest representable value, in {@link Channel#unit()}
 * @param max        highest representable value
 * @param resolution smallest step (one ADC LSB), same unit
 */
public record ChannelSpec(Channel channel, double min, double max, double resolution) {
    public ChannelSpec {
        Objects.requireNonNull(channel, "channel");
        if (!(max > min) || !(resolution > 0)) {
            throw new IllegalArgumentException("channel " + channel + ": need min < max and resolution > 0, got ["
                    + min + ", " + max + "] step " + resolution);
        }
    }

    public String unit() {
        return channel.unit();
    }
}
