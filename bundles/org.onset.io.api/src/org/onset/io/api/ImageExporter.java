package org.onset.io.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/** Writes an {@link Image} channel in a format other programs read (e.g. Gwyddion .gsf). DS service. */
@ConsumerType
public interface ImageExporter {

    /** Lower-case extension without the dot, e.g. "gsf". */
    String extension();

    /** Writes one channel of the image to the file. */
    void write(Image image, int channel, Path file) throws IOException;
}
