package org.onset.map.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Opens map files for reading: a service (the HDF5 storage bundle provides it). */
@ProviderType
public interface MapReaderService {

    /**
     * Opens a map file for reading, also one whose writer was killed.
     *
     * @throws IOException with the path and the reason when the file is missing, not HDF5 or not an
     *                     Onset map file
     */
    MapFile open(Path file) throws IOException;
}
