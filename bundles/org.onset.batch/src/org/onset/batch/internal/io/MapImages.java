package org.onset.batch.internal.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.onset.analysis.topography.StageImages;
import org.onset.instrument.api.TopographyImage;
import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;

/**
 * An Onset map file seen as an image with channels (onset bias, current at end, ΔZ and the
 * topography images on the map's grid), so that it can be exported like any SPM image. Row 0 is
 * the top of the map (largest y), as in the image model.
 */
public final class MapImages {

    private MapImages() {
    }

    public static Image of(MapFile map) throws IOException {
        Grid g = map.grid();
        List<Channel> channels = new ArrayList<>();
        channels.add(new Channel("onset bias", "bias", "V", StageImages.rowsTopFirst(g, map.onsetBias())));
        channels.add(new Channel("current at end", "current", "A", StageImages.rowsTopFirst(g, map.currentAtEnd())));
        channels.add(new Channel("height change at end", "height", "m", StageImages.rowsTopFirst(g, map.heightChangeAtEnd())));
        for (String name : map.topographyNames()) {
            TopographyImage t = map.topography(name).orElse(null);
            if (t != null && onMapGrid(g, t)) {
                channels.add(new Channel("topography " + name, "height", "m", StageImages.rowsTopFirst(g, t.height())));
            }
        }
        double width = Math.abs(g.dx()) * g.nx();
        double height = Math.abs(g.dy()) * g.ny();
        return new Image(g.nx(), g.ny(), width > 0 ? width : g.nx(), height > 0 ? height : g.ny(),
                g.xMin() - Math.abs(g.dx()) / 2, g.yMax() + Math.abs(g.dy()) / 2, channels);
    }

    /** One channel of a map file for export: the image that holds it, and its index there. */
    public record Selected(Image image, int channel) {
    }

    /**
     * Channel {@code channel} of a map file, numbered as {@code onset import} documents it: 0 onset bias,
     * 1 current at end, 2 height change at end, then every topography image in name order. A topography
     * image on a grid of its own (recipes take it finer than the map, 5 nm by default) is returned as an
     * image of its own, with its own size and origin, instead of being left out.
     */
    public static Selected channel(MapFile map, int channel) throws IOException {
        if (channel < 3) {
            return new Selected(of(map), channel);
        }
        Grid g = map.grid();
        int k = 3;
        int onGridIndex = 3;
        List<String> names = new ArrayList<>(map.topographyNames());
        for (String name : names) {
            TopographyImage t = map.topography(name).orElse(null);
            if (t == null) {
                continue;
            }
            boolean sameGrid = onMapGrid(g, t);
            if (k == channel) {
                // the map's own channels are read only when the export needs them
                return sameGrid ? new Selected(of(map), onGridIndex) : new Selected(StageImages.of("topography " + name, t), 0);
            }
            if (sameGrid) {
                onGridIndex++;
            }
            k++;
        }
        throw new IllegalArgumentException("--channel " + channel + ": the map file has channels 0.." + (k - 1)
                + " (0 onset bias, 1 current at end, 2 height change at end, then the topography images "
                + String.join(", ", names) + ")");
    }

    /** Whether a topography image lies on the map's grid, and so is a channel of {@link #of}. */
    private static boolean onMapGrid(Grid g, TopographyImage t) {
        return t.nx() == g.nx() && t.ny() == g.ny();
    }
}
