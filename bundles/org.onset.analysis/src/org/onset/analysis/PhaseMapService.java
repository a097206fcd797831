package org.onset.analysis;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.onset.map.api.MapFile;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The regions of a map from whichever {@link PhaseMapProvider} knows them: a service (the analysis
 * bundle provides it) over every provider registered now, asked in the order of their
 * {@code service.ranking}, highest first (equal rankings: the one registered first).
 */
@ProviderType
public interface PhaseMapService {

    /**
     * The phase map of the highest-ranked provider that knows this map; empty when none does (for
     * instance when no provider is installed).
     *
     * @throws IOException when the map file cannot be read
     */
    Optional<PhaseMap> phaseMap(MapFile map) throws IOException;

    /**
     * Every provider's phase map of this map, in ranking order: for a view that lets the user
     * choose between, say, the ground truth and a mask.
     *
     * @throws IOException when the map file cannot be read
     */
    List<PhaseMap> phaseMaps(MapFile map) throws IOException;
}
