package org.onset.map.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.TopographyImage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A map file open for reading (from {@link MapReaderService}). Per-pixel arrays are indexed by
 * storage index ({@link Grid#index(int, int)}), with NaN (or null) for pixels not measured.
 */
@ProviderType
public interface MapFile extends AutoCloseable {

    Path file();

    Grid grid();

    /** The string attributes the file was created with (see {@link MapAttributes}). */
    Map<String, String> attributes();

    /** The channel specifications the file was created with. */
    List<ChannelSpec> channels();

    /** True once {@link MapStore#markComplete()} was called. */
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
     * The rule that ended each ramp (one of {@link RuleNames}) per pixel; null where not measured.
     * Reads one dataset for the whole map, no curves.
     */
    String[] rules() throws IOException;

    /** How each ramp ended per pixel; null where not measured. */
    Termination[] terminations() throws IOException;

    /**
     * Per pixel, the index of the sample at which the rule fired in its curve; -1 where no rule
     * fired or the pixel was not measured (tell them apart with {@link #completedPixels()}).
     */
    int[] cutoffSampleIndices() throws IOException;

    /** The full record of a stored pixel, curve included, exactly as written. */
    PixelRecord pixel(int index) throws IOException;

    /** The curve of a stored pixel, exactly as written (arrays of exactly its size). */
    Curve curve(int index) throws IOException;

    /**
     * The acquisition sessions of the file, oldest first (the creation, then one per resume). For
     * files written before sessions were recorded, one session reconstructed from the file's
     * attributes, with a note saying so.
     *
     * @since 1.1
     */
    List<AcquisitionSession> sessions() throws IOException;

    /**
     * Per pixel, the index of the {@link AcquisitionSession} that measured it; -1 where not measured.
     *
     * @since 1.1
     */
    int[] pixelSessions() throws IOException;

    /**
     * Reads a stored pixel and compares it with the checksums written with it, part by part
     * (each curve channel, the scalar values). Never throws for damaged data: a pixel that cannot
     * be read is reported as a difference.
     *
     * @since 1.1
     * @throws IllegalArgumentException when the pixel is not stored
     */
    PixelCheck verify(int index) throws IOException;

    /** Names of the stored topography images. */
    Set<String> topographyNames() throws IOException;

    /** A stored topography image, if present. */
    Optional<TopographyImage> topography(String name) throws IOException;

    @Override
    void close() throws IOException;
}
