package org.onset.analysis.internal;

import java.io.IOException;
import java.util.Optional;

import org.onset.analysis.MapStatistics;
import org.onset.analysis.MapStatisticsService;
import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapService;
import org.onset.analysis.PixelOutcome;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapFile;
import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.RecipeCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Map statistics from map files: the per-pixel datasets, the cutoff rule of the stored recipe and
 * the regions from the phase-map service.
 */
@Component(service = MapStatisticsService.class)
public final class StoredMapStatisticsService implements MapStatisticsService {

    private final RecipeCodec codec;
    private final PhaseMapService phases;

    @Activate
    public StoredMapStatisticsService(@Reference RecipeCodec codec, @Reference PhaseMapService phases) {
        this.codec = codec;
        this.phases = phases;
    }

    @Override
    public MapStatistics summarize(MapFile map) throws IOException {
        return summarize(map, storedCutoff(map).orElse(null), phases.phaseMap(map).orElse(null));
    }

    @Override
    public MapStatistics summarize(MapFile map, CutoffRule cutoff, PhaseMap phaseMap) throws IOException {
        String[] rules = map.rules();
        Termination[] terminations = map.terminations();
        PixelOutcome[] outcomes = new PixelOutcome[terminations.length];
        for (int k = 0; k < outcomes.length; k++) {
            outcomes[k] = PixelOutcome.of(terminations[k], rules[k]);
        }
        return MapStatistics.of(map.grid(), outcomes, map.onsetBias(), map.currentAtEnd(), map.heightChangeAtEnd(),
                cutoff, phaseMap);
    }

    @Override
    public Optional<CutoffRule> storedCutoff(MapFile map) {
        String json = map.attributes().get(MapAttributes.RECIPE);
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.parse(json, "the recipe stored in " + map.file()).cutoff());
        } catch (InvalidRecipeException | RuntimeException e) {
            // a recipe this version cannot read: the statistics go on without overshoot figures
            return Optional.empty();
        }
    }
}
