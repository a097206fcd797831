package org.onset.analysis.report;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the results of {@link MapAnalyzer} are kept for later: beside the map file, never inside
 * it (the acquired data stay untouched, and a map still being written or read by others is not
 * disturbed). The format is described in MAPFILE.md ("Analysis results").
 *
 * @since 1.2
 */
@ProviderType
public interface AnalysisStore {

    /**
     * Writes the analysis of the map file to {@link #sidecar(Path) its sidecar}, replacing an earlier
     * one; a reader never sees a half-written sidecar.
     *
     * @return the sidecar's path
     * @throws IOException when it cannot be written (the message says why)
     */
    Path write(Path mapFile, MapAnalysis analysis) throws IOException;

    /** The sidecar of a map file: {@code NAME.analysis.h5} beside {@code NAME.h5}. */
    static Path sidecar(Path mapFile) {
        Path abs = mapFile.toAbsolutePath();
        String name = abs.getFileName().toString();
        String stem = name.endsWith(".h5") ? name.substring(0, name.length() - 3) : name;
        return abs.resolveSibling(stem + ".analysis.h5");
    }
}
