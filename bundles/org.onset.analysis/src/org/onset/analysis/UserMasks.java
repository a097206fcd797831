package org.onset.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.onset.map.api.MapFile;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Which user's AlPO4 mask belongs to which map file, for the {@link PhaseMapProviders#MASK mask}
 * phase-map provider. A mask is bound either explicitly ({@link #bind}, for this session: the
 * workbench's mask chooser, {@code onset analyze --mask}) or by its name: a file
 * {@code NAME.mask.png} (or {@code .gif .bmp .gsf .txt .csv}) beside {@code NAME.h5} belongs to
 * it. Masks: text of ny rows of nx numbers (non-zero = AlPO4), an image of nx × ny pixels (bright
 * = AlPO4), or a Gwyddion {@code .gsf} of nx × ny points (non-zero = AlPO4); row 0 first / top.
 */
@ProviderType
public interface UserMasks {

    /**
     * Binds the mask to the map file after reading it and checking its size.
     *
     * @throws IllegalArgumentException when the mask's size is not the map's, naming both
     * @throws IOException              when the mask cannot be read
     */
    void bind(MapFile map, Path mask) throws IOException;

    /** Forgets an explicit binding of this map file (a mask beside it by name still applies). */
    void unbind(Path mapFile);

    /** The mask that applies to the map file: the explicit binding, else one beside it by name. */
    Optional<Path> mask(Path mapFile);
}
