package org.onset.ui.analysis.internal;

import java.nio.file.Path;

import org.onset.analysis.report.MapAnalysis;
import org.onset.instrument.api.TopographyImage;

/**
 * One map file analysed by {@link org.onset.analysis.report.MapAnalyzer} (the same analysis as
 * {@code onset analyze}), with the topography images it was made from.
 *
 * @param file     the map file
 * @param analysis what the analysis found
 * @param before   topography before the map; null when the file has none
 * @param after    topography after the map; null when the file has none
 * @param seconds  wall time of reading and analysing, s
 * @param thread   the thread the analysis ran on (never the UI thread)
 * @param stored   the sidecar {@code NAME.analysis.h5} the results were stored in; null when they were not
 * @param notStored why they were not stored (a message for the user); null when they were
 */
public record AnalysedMap(Path file, MapAnalysis analysis, TopographyImage before, TopographyImage after,
        double seconds, String thread, Path stored, String notStored) {
}
