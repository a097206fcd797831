package org.onset.sweep.api;

import java.util.List;

/**
 * A resume refused because the map file was measured on another instrument, or with other
 * instrument settings, than the one that would continue it. Resuming anyway is a choice:
 * {@link SweepService#start(MapRecipe, java.nio.file.Path, boolean, boolean)} with
 * {@code acceptInstrumentChanges}, which records the changes in the file's new acquisition session.
 *
 * @since 2.1
 */
public class InstrumentChangedException extends SweepException {
    private static final long serialVersionUID = 1L;

    private final List<String> changes;

    /** @param changes one line per change, e.g. "sampleSeed: 1 → 7" */
    public InstrumentChangedException(String message, List<String> changes) {
        super(message);
        this.changes = List.copyOf(changes);
    }

    /** What changed, one line each: "instrument: 'sim' → 'quiet'", "sampleSeed: 1 → 7". */
    public List<String> changes() {
        return changes;
    }
}
