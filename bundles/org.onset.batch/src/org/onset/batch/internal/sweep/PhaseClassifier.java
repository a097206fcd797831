package org.onset.batch.internal.sweep;

import java.util.HashMap;
import java.util.Map;

import org.onset.instrument.sim.engine.Phase;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/**
 * Sorts map positions into the three regions the paper compares: AlPO4 grains, the LICGC matrix
 * next to them or to a grain boundary ("boundary"), and the matrix further away.
 */
@FunctionalInterface
interface PhaseClassifier {

    String ALPO4 = "alpo4";
    String BOUNDARY = "boundary";
    String MATRIX = "matrix";

    /** Matrix within this distance of an AlPO4 grain counts as boundary, m (the onset is lowered there over ~25 nm). */
    double NEAR_ALPO4 = 25e-9;
    /** Matrix within this distance of a matrix grain boundary counts as boundary, m. */
    double NEAR_GRAIN_BOUNDARY = 10e-9;

    String DEFINITION = "alpo4: inside an AlPO4 grain; boundary: matrix within 25 nm of AlPO4 or 10 nm of a "
            + "grain boundary; matrix: the rest (positions classified on the simulated sample's microstructure)";

    /** One of {@link #ALPO4}, {@link #BOUNDARY}, {@link #MATRIX}. */
    String classify(double x, double y);

    /**
     * Classifiers by simulator settings: building a sample's microstructure takes a moment, and the
     * demo's two maps share one.
     */
    final class Cache {
        private final Map<SimSettings, PhaseClassifier> bySettings = new HashMap<>();

        PhaseClassifier of(SimSettings settings) {
            return bySettings.computeIfAbsent(settings, s -> PhaseClassifier.of(SimulatedSample.generate(s)));
        }
    }

    static PhaseClassifier of(SimulatedSample sample) {
        return (x, y) -> {
            if (sample.phaseAt(x, y) == Phase.ALPO4) {
                return ALPO4;
            }
            return sample.distanceToAlpo4(x, y) <= NEAR_ALPO4 || sample.distanceToBoundary(x, y) <= NEAR_GRAIN_BOUNDARY
                    ? BOUNDARY : MATRIX;
        };
    }
}
