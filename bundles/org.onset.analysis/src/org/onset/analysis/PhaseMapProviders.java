package org.onset.analysis;

/**
 * Service properties of a {@link PhaseMapProvider}, and the ids of the providers Onset ships. A
 * provider registers with {@link #ID} (a short name a user can type: {@code onset analyze --phases ID})
 * and, when it knows the true sample rather than estimating it from the measurement, with
 * {@link #GROUND_TRUTH} {@code = true}: real data never has such a provider, so an analysis takes
 * its phases from the others and only compares with the ground truth.
 *
 * <p>Rankings of the shipped providers ({@code service.ranking}): a user's mask (200) over the
 * simulator's ground truth (0) over phases found from the data (−100). So the map views and the
 * statistics show the best knowledge there is, and the data's estimate only when nothing better
 * knows the map.
 */
public final class PhaseMapProviders {

    /** Service property (String): the provider's id, unique among the registered providers. */
    public static final String ID = "onset.phasemap.id";
    /** Service property (Boolean): the provider knows the true sample (a simulator's). */
    public static final String GROUND_TRUTH = "onset.phasemap.groundtruth";

    /** The simulator's ground truth (bundle {@code org.onset.instrument.sim.phasemap}). */
    public static final String SIMULATOR = "simulator";
    /** AlPO4 as the clusters of never-nucleating pixels of the map's onset map. */
    public static final String DATA = "data";
    /** A user's mask bound to the map file ({@link UserMasks}). */
    public static final String MASK = "mask";

    private PhaseMapProviders() {
    }
}
