package org.onset.ui.maps.internal.parts;

import java.io.IOException;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapService;
import org.onset.map.api.MapFile;

/** The phase of each pixel of a map file, when a phase-map provider knows the map (called in Jobs). */
final class PhaseMaps {

    private PhaseMaps() {
    }

    /** Per storage index, the region's name; null when no provider knows the map or it cannot be read. */
    static String[] regions(PhaseMapService service, MapFile file) {
        if (service == null) {
            return null;
        }
        try {
            return service.phaseMap(file).filter(p -> p.grid().equals(file.grid())).map(PhaseMap::regions)
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null; // the histogram then shows all onsets together, as without a provider
        }
    }
}
