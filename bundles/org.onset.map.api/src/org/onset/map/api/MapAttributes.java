package org.onset.map.api;

/**
 * Names of the string attributes the sweep service gives a map file (the measurement group's
 * attributes, see the storage bundle's MAPFILE.md), so that a file says on its own how it was
 * measured. Writers and readers of these attributes use these names.
 */
public final class MapAttributes {

    /** The recipe the map was measured with, as JSON. */
    public static final String RECIPE = "recipe";
    /** The cutoff rule in words. */
    public static final String CUTOFF_RULE = "cutoff_rule";
    /** {@code instrument.id} of the driver that measured the map. */
    public static final String INSTRUMENT_ID = "instrument_id";
    /** The instrument's name, vendor, model and serial in words. */
    public static final String INSTRUMENT = "instrument";
    /** The instrument's configuration (its service properties) as a JSON object. */
    public static final String INSTRUMENT_SETTINGS = "instrument_settings";
    /** When the file was created, ISO-8601 UTC. */
    public static final String CREATED = "created";

    private MapAttributes() {
    }
}
