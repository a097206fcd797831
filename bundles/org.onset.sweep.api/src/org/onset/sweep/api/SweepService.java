package org.onset.sweep.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs compliance-controlled nucleation maps on the instrument drivers registered as OSGi
 * services; instruments are bound dynamically by their {@code instrument.id}.
 */
@ProviderType
public interface SweepService {

    /**
     * Every problem with the recipe, empty when it can run. Checks ranges and consistency, and
     * when its instrument is present also the instrument's bias limits, rate, sample rate,
     * channels, positioner range and topography.
     */
    List<RecipeProblem> validate(MapRecipe recipe);

    /**
     * Starts a map in the background.
     *
     * @param recipe what to measure
     * @param output the HDF5 file to write
     * @param resume false: {@code output} must not exist; true: {@code output} must be a map file of
     *               the same recipe, measured by the same instrument with the same settings, whose
     *               stored pixels are skipped
     * @throws InvalidRecipeException when {@link #validate} finds problems
     * @throws SweepException when the instrument is absent or cannot connect, or the file cannot be
     *         created, does not exist (resume), exists (no resume) or holds another recipe;
     *         {@link InstrumentChangedException} when it was measured on another instrument or with
     *         other instrument settings
     */
    default SweepRun start(MapRecipe recipe, Path output, boolean resume) throws SweepException {
        return start(recipe, output, resume, false);
    }

    /**
     * Starts a map in the background; on resume, also when the file was measured on another
     * instrument or with other settings of it, if the caller accepts that.
     *
     * @param acceptInstrumentChanges only for {@code resume}: false refuses a file whose last
     *               acquisition session had another instrument or other instrument settings
     *               ({@link InstrumentChangedException}, naming each change); true continues and
     *               records the changes with the new session in the file
     * @throws InstrumentChangedException when the instrument changed and that is not accepted
     * @since 2.1
     */
    SweepRun start(MapRecipe recipe, Path output, boolean resume, boolean acceptInstrumentChanges)
            throws SweepException;

    /** Runs started by this service: every unfinished one and the most recent finished ones. */
    List<SweepRun> runs();

    /** The {@code instrument.id}s of the drivers bound now. */
    Set<String> instruments();
}
