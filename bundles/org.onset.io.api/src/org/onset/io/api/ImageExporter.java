package org.onset.io.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes an {@link Image} channel in a format other programs read (e.g. Gwyddion .gsf). DS service,
 * registered with the service property {@link #EXTENSION_PROPERTY} so that users can pick one by
 * format.
 */
@ConsumerType
public interface ImageExporter {

    /** Service property naming the extension written, e.g. {@code exporter.extension=gsf}. */
    String EXTENSION_PROPERTY = "exporter.extension";

    /** Lower-case extension without the dot, e.g. "gsf". */
    String extension();

    /** Writes one channel of the image to the file. */
    void write(Image image, int channel, Path file) throws IOException;
}
