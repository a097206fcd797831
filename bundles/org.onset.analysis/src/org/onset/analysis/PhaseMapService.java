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

    /**
     * The ids ({@link PhaseMapProviders#ID}) of the providers registered now, in ranking order
     * (a provider registered without an id is listed by its class name).
     *
     * @since 1.1
     */
    List<String> providerIds();

    /**
     * The phase map of one provider, chosen by its id; empty when that provider does not know the
     * map.
     *
     * @throws IllegalArgumentException when no provider of that id is registered (the message names
     *                                  the ones that are)
     * @throws IOException              when the map file cannot be read
     * @since 1.1
     */
    Optional<PhaseMap> phaseMap(MapFile map, String providerId) throws IOException;

    /**
     * The phase map an analysis of measured data should use: that of the highest-ranked provider
     * that knows the map and is not a {@link PhaseMapProviders#GROUND_TRUTH ground truth} (a user's
     * mask over the phases found from the data).
     *
     * @throws IOException when the map file cannot be read
     * @since 1.1
     */
    Optional<PhaseMap> estimatedPhaseMap(MapFile map) throws IOException;

    /**
     * The phase map of the highest-ranked {@link PhaseMapProviders#GROUND_TRUTH ground-truth}
     * provider that knows the map (the simulator's), to compare an analysis with; empty for real data.
     *
     * @throws IOException when the map file cannot be read
     * @since 1.1
     */
    Optional<PhaseMap> groundTruth(MapFile map) throws IOException;
}
