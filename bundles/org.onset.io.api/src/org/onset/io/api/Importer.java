package org.onset.io.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads one file format (or one family of closely related variants). Registered as a DS service;
 * the {@link ImporterRegistry} asks every importer to {@link #match} a file and uses the best one.
 * <p>
 * Contract for implementations: bad input ends in an {@link ImportException} whose message names
 * what is wrong (never a hang, never an allocation larger than the file justifies: a header that
 * claims more data than the file holds is refused before any array is made); {@link #read} checks
 * {@link ImportMonitor#isCanceled()} between blocks of work.
 */
@ConsumerType
public interface Importer {

    /** Stable short identifier, e.g. {@code "bruker-bes3t"}. */
    String id();

    /** Human-readable format name, e.g. {@code "Bruker BES3T (.DSC/.DTA)"}. */
    String formatName();

    /** Lower-case file extensions without the dot, e.g. {@code ["dsc", "dta"]}. */
    List<String> extensions();

    /** The settings {@link #read} understands; empty when there are none. */
    default List<SettingDescriptor> settings() {
        return List.of();
    }

    /** Whether this importer can read the probed file, judged from its content first. */
    Match match(ContentProbe probe);

    /**
     * Reads the file.
     *
     * @throws ImportException          with the file and the reason when the file is damaged or not
     *                                  of this format, or a setting is refused by the file
     * @throws ImportCancelledException when the monitor asked to stop
     */
    Imported read(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException;
}
