package org.onset.io.api;

import java.nio.file.Path;

/**
 * The result of reading one file.
 *
 * @param file       the file read
 * @param format     the format as named by the importer, e.g. "Bruker BES3T"
 * @param importerId the {@link Importer#id()} that read it
 * @param matchedBy  why that importer was chosen ({@link Match#reason()})
 * @param data       the data
 * @param metadata   the file's parameters
 */
public record Imported(Path file, String format, String importerId, String matchedBy, Data data,
        Metadata metadata) {

    /** The same import with the registry's match reason. */
    public Imported withMatch(String reason) {
        return new Imported(file, format, importerId, reason, data, metadata);
    }
}
