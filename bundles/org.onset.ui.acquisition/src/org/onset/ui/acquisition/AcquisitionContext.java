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

    private AcquisitionContext() {
    }
}
