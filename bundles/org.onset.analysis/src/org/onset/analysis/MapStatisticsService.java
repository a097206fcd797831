package org.onset.analysis;

import java.io.IOException;
import java.util.Optional;

import org.onset.instrument.api.CutoffRule;
import org.onset.map.api.MapFile;
import org.osgi.annotation.versioning.ProviderType;

/** Computes the {@link MapStatistics} of map files: a service (the analysis bundle provides it). */
@ProviderType
public interface MapStatisticsService {

    /**
     * The statistics of a map from its file alone: the cutoff rule from the recipe the file records,
     * the regions from the {@link PhaseMapService} (none when no provider knows the map). Works on
     * incomplete files too.
     *
     * @throws IOException when the file cannot be read
     */
    MapStatistics summarize(MapFile map) throws IOException;

    /**
     * The statistics of a map with a cutoff rule and regions of the caller's choice.
     *
     * @param cutoff null when unknown (no overshoot figures then)
     * @param phases null when unknown (no figures by region then)
     * @throws IOException when the file cannot be read
     */
    MapStatistics summarize(MapFile map, CutoffRule cutoff, PhaseMap phases) throws IOException;

    /** The cutoff rule of the recipe the map file records; empty when it records none readable. */
    Optional<CutoffRule> storedCutoff(MapFile map);
}
