package org.onset.storage.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.TopographyImage;
import org.onset.storage.hdf5.internal.Hdf5MapFileReader;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a map file written by {@link MapFileWriter}, also one whose writer was killed. Per-pixel
 * arrays are indexed by storage index ({@link MapLayout#index(int, int)}), with NaN for pixels not
 * measured.
 */
@ProviderType
public interface MapFileReader extends AutoCloseable {

    /**
     * Opens a map file for reading.
     *
     * @throws IOException with the path and the reason when the file is missing, not HDF5 or not an
     *                     Onset map file
     */
    static MapFileReader open(Path file) throws IOException {
        return Hdf5MapFileReader.open(file);
    }

    Path file();

    MapLayout layout();

    /** The string attributes given to {@link MapFileWriter#create}. */
    Map<String, String> attributes();

    /** The channel specifications given to {@link MapFileWriter#create}. */
    List<ChannelSpec> channels();

    /** True once {@link MapFileWriter#markComplete()} was called. */
    boolean isComplete();

    /** Pixels stored (bit = storage index). */
    BitSet completedPixels();

    /** Onset bias per pixel, V; NaN where not measured or no nucleation. */
    double[] onsetBias() throws IOException;

    /** Current at the end of each ramp, A; NaN where not measured. */
    double[] currentAtEnd() throws IOException;

    /** Height change at the end of each ramp, m; NaN where not measured. */
    double[] heightChangeAtEnd() throws IOException;

    /**
     * The rule that ended each ramp ("current", "height", "none", …) per pixel; null where not
     * measured. Reads one dataset for the whole map, no curves.
     */
    String[] rules() throws IOException;

    /**
     * How each ramp ended per pixel: one of {@link PixelRecord#TERMINATIONS}; null where not
     * measured.
     */
    String[] terminations() throws IOException;

    /**
     * Per pixel, the index of the sample at which the rule fired in its curve; -1 where no rule
     * fired or the pixel was not measured (tell them apart with {@link #completedPixels()}).
     */
    int[] cutoffSampleIndices() throws IOException;

    /** The full record of a stored pixel, curve included, exactly as written. */
    PixelRecord pixel(int index) throws IOException;

    /** The curve of a stored pixel, exactly as written. */
    Curve curve(int index) throws IOException;

    /** Names of the stored topography images. */
    Set<String> topographyNames() throws IOException;

    /** A stored topography image, if present. */
    Optional<TopographyImage> topography(String name) throws IOException;

    @Override
    void close() throws IOException;
}
