package org.onset.analysis.internal;

import java.io.IOException;
import java.util.BitSet;
import java.util.Optional;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapProvider;
import org.onset.analysis.PhaseMapProviders;
import org.onset.analysis.phases.NeverNucleatingClusters;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Phases found from the measurement itself: AlPO4 holds no Li⁺, so it is where ramps never
 * nucleate — the clusters of never-nucleating pixels of the onset map that are large enough to be
 * a grain ({@link NeverNucleatingClusters#defaults()}); LICGC within the boundary band of it is
 * "boundary", the rest "matrix". The same rule {@code onset analyze} applies, so the statistics,
 * the map views and the FEM model-from-map see the phases the analysis found.
 *
 * <p>Knows a map once at least one stored pixel nucleated (without nucleation AlPO4 cannot be told
 * from the matrix). Unmeasured pixels stay unclassified. Ranked −100: a user's mask or a
 * simulator's ground truth, which know the sample better, win where they know the map. The
 * topography is not used (the onset map alone already agrees with the simulator's ground truth on
 * ≥ 90 % of pixels).
 */
@Component(service = PhaseMapProvider.class, property = { PhaseMapProviders.ID + "=" + PhaseMapProviders.DATA,
        Constants.SERVICE_RANKING + ":Integer=-100" })
public final class DataPhaseMaps implements PhaseMapProvider {

    static final String SOURCE = "data: clusters of never-nucleating pixels";

    private final NeverNucleatingClusters clusters;

    @Activate
    public DataPhaseMaps() {
        this(NeverNucleatingClusters.defaults());
    }

    DataPhaseMaps(NeverNucleatingClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public Optional<PhaseMap> phaseMap(MapFile map) throws IOException {
        Grid grid = map.grid();
        int n = grid.pixelCount();
        BitSet stored = map.completedPixels();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        double[] onset = map.onsetBias();
        Termination[] terminations = map.terminations();
        boolean[] measured = new boolean[n];
        boolean[] nucleated = new boolean[n];
        boolean any = false;
        for (int k = 0; k < n; k++) {
            // the same pixels as MapAnalyzer: a ramp that ended normally (completed or cut off)
            measured[k] = stored.get(k) && terminations[k] != null
                    && (terminations[k] == Termination.COMPLETED || terminations[k] == Termination.CUTOFF);
            nucleated[k] = measured[k] && Double.isFinite(onset[k]);
            any |= nucleated[k];
        }
        if (!any) {
            return Optional.empty();
        }
        return Optional.of(clusters.phaseMap(grid, measured, nucleated, SOURCE));
    }
}
