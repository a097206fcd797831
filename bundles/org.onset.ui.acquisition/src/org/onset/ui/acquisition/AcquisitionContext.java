package org.onset.ui.acquisition;

/**
 * How other workbench parts get the recipe the user is editing (e.g. a run-control part's Start
 * button): the recipe editor keeps the application context's {@link #RECIPE} up to date and posts
 * {@link #RECIPE_CHANGED} through the e4 event broker on every change.
 */
public final class AcquisitionContext {

    /**
     * Application-context key of the recipe being edited, an {@link org.onset.sweep.api.MapRecipe}
     * that passed {@link org.onset.sweep.api.SweepService#validate}; null while it has problems.
     */
    public static final String RECIPE = "org.onset.ui.acquisition.recipe";

    /**
     * Event topic posted whenever the edited recipe changes; the event's data
     * ({@code IEventBroker.DATA}) is the valid {@link org.onset.sweep.api.MapRecipe}, or absent while
     * the recipe has problems.
     */
    public static final String RECIPE_CHANGED = "org/onset/ui/acquisition/RECIPE";

    /**
     * Event topic the recipe editor's Start button sends (synchronously) with the valid
     * {@link org.onset.sweep.api.MapRecipe} as data: the run control starts it, so that a map started
     * from the editor is paused, resumed, aborted and shown live like any other. There is one way to
     * start a map in the workbench, the run control's.
     *
     * @since 1.1
     */
    public static final String START_REQUESTED = "org/onset/ui/acquisition/START";

    /**
     * Application-context key a run control part sets to {@link Boolean#TRUE} while it exists and to
     * {@link Boolean#FALSE} when it is disposed (a removed key is not re-injected as null by e4): the
     * editor's Start is enabled only when someone will start the map.
     *
     * @since 1.1
     */
    public static final String RUN_CONTROL = "org.onset.ui.acquisition.runControl";

    private AcquisitionContext() {
    }
}
