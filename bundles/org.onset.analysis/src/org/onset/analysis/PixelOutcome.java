package org.onset.analysis;

import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.RuleNames;

/** How the ramp of one pixel ended, as the "rule fired" map shows it. */
public enum PixelOutcome {
    /** The pixel was not measured (yet). */
    NOT_MEASURED("not measured"),
    /** The ramp ran to its end: no rule fired. */
    COMPLETED("ramp completed"),
    /** The current rule stopped the ramp (also any rule other than the height rule). */
    CURRENT_RULE("current rule"),
    /** The height rule stopped the ramp. */
    HEIGHT_RULE("height rule"),
    /** The instrument faulted or the ramp was aborted. */
    FAULT("fault / aborted");

    private final String label;

    PixelOutcome(String label) {
        this.label = label;
    }

    /** In words, for legends. */
    public String label() {
        return label;
    }

    /**
     * The outcome of a stored pixel.
     *
     * @param termination how the ramp ended, null for a pixel not measured
     * @param rule        the rule that fired (one of {@link RuleNames}), looked at for
     *                    {@link Termination#CUTOFF} only
     */
    public static PixelOutcome of(Termination termination, String rule) {
        if (termination == null) {
            return NOT_MEASURED;
        }
        return switch (termination) {
        case CUTOFF -> RuleNames.HEIGHT.equals(rule) ? HEIGHT_RULE : CURRENT_RULE;
        case COMPLETED -> COMPLETED;
        case ABORTED, FAULT -> FAULT;
        };
    }
}
