package org.onset.io.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes imported data of any kind to a file other programs read (e.g. HDF5 in the USID layout of
 * Onset's map files). DS service, registered with the service property
 * {@link ImageExporter#EXTENSION_PROPERTY} naming the extension it writes.
 */
@ConsumerType
public interface DataExporter {

    /** Lower-case extension without the dot, e.g. "h5". */
    String extension();

    /** Writes the data and the metadata of an import; an existing file is refused. */
    void write(Imported imported, Path file) throws IOException;
}
