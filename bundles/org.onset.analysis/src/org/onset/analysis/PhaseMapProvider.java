package org.onset.analysis;

import java.io.IOException;
import java.util.Optional;

import org.onset.map.api.MapFile;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that may know the regions of a map's sample: the simulator's ground truth, an analysis
 * of the data, a user's mask file. Register implementations as services; the
 * {@link PhaseMapService} asks them in the order of their {@code service.ranking} (highest first),
 * so a provider that should win over another registers with a higher ranking.
 */
@ConsumerType
public interface PhaseMapProvider {

    /**
     * The regions of the map's pixels, when this provider knows them for this map (from its
     * attributes, its grid, its data); empty when it does not. Must be quick to decline.
     *
     * @throws IOException when the map file cannot be read
     */
    Optional<PhaseMap> phaseMap(MapFile map) throws IOException;
}
