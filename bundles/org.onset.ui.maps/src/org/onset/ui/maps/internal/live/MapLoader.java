package org.onset.ui.maps.internal.live;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.MapFile;

/** Reads the scalars and topography of a map file (complete or interrupted) into a snapshot; no curves. */
public final class MapLoader {

    private MapLoader() {
    }

    public static MapSnapshot read(MapFile file) throws IOException {
        Map<String, TopographyImage> topo = new HashMap<>();
        for (String name : file.topographyNames()) {
            file.topography(name).ifPresent(t -> topo.put(name, t));
        }
        return new MapSnapshot(file.file(), file.grid(), file.onsetBias(), file.currentAtEnd(),
                file.heightChangeAtEnd(), file.rules(), file.completedPixels(), Map.copyOf(topo), 0);
    }
}
