package org.onset.sweep.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.onset.instrument.api.Capabilities;
import org.onset.sweep.api.MapRecipe;

/** Creates and reopens map files. */
interface MapStoreFactory {

    /**
     * @param attributes file attributes (recipe JSON under {@code "recipe"}, instrument identity ...)
     * @throws IOException when the file cannot be created
     */
    MapStore create(Path file, MapRecipe recipe, Map<String, String> attributes, Capabilities capabilities)
            throws IOException;

    /** Reopens a file written by {@link #create} to append the missing pixels. */
    MapStore openForResume(Path file) throws IOException;
}
