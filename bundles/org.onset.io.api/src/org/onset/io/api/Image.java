package org.onset.io.api;

import java.util.List;

/**
 * An image (SPM topography, current, …) with one or more channels on one nx × ny grid.
 *
 * @param nx       columns
 * @param ny       rows
 * @param widthM   physical width in m (x), may differ per pixel from the height: pixels need not be square
 * @param heightM  physical height in m (y)
 * @param offsetXM x of the left edge in m
 * @param offsetYM y of the top edge in m
 * @param channels at least one, each nx · ny values
 */
public record Image(int nx, int ny, double widthM, double heightM, double offsetXM, double offsetYM,
        List<Channel> channels) implements Data {

    public Image {
        channels = List.copyOf(channels);
        if (nx <= 0 || ny <= 0 || channels.isEmpty()) {
            throw new IllegalArgumentException("an image needs nx, ny > 0 and a channel, got " + nx + " × " + ny
                    + " with " + channels.size() + " channels");
        }
        for (Channel c : channels) {
            if (c.z().length != (long) nx * ny) {
                throw new IllegalArgumentException("channel '" + c.name() + "' has " + c.z().length + " values, not "
                        + nx + " × " + ny);
            }
        }
    }

    @Override
    public String kind() {
        return "image";
    }
}
