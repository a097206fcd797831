package org.onset.io.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lists the registered {@link Importer} services and opens files with the best one: a content match
 * beats an extension match; among equals, the importer whose extensions include the file's wins.
 */
@ProviderType
public interface ImporterRegistry {

    /** The importer chosen for a file and why. */
    record Selection(Importer importer, Match match) {
    }

    /** Every registered importer, sorted by id. */
    List<Importer> importers();

    /**
     * Chooses the importer for a file.
     *
     * @throws ImportException when the file cannot be read or no importer recognises it (the message
     *                         lists the known formats)
     */
    Selection select(Path file) throws ImportException;

    /**
     * Reads a file with the {@link #select selected} importer. Whatever goes wrong inside an
     * importer ends in an {@link ImportException} naming the file, the importer and the reason.
     */
    Imported open(Path file, ImportSettings settings, ImportMonitor monitor) throws ImportException;

    /** {@link #open(Path, ImportSettings, ImportMonitor)} with default settings and no monitor. */
    default Imported open(Path file) throws ImportException {
        return open(file, ImportSettings.DEFAULTS, ImportMonitor.NONE);
    }
}
