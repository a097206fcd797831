package org.onset.map.api;

/**
 * Names of the rules that end a ramp, as a {@link PixelRecord} carries them and a map file stores
 * them. The leaf names are those of {@link org.onset.instrument.api.CutoffRule#current} and
 * {@link org.onset.instrument.api.CutoffRule#height}.
 */
public final class RuleNames {

    /** The current rule fired. */
    public static final String CURRENT = "current";
    /** The height (ΔZ) rule fired. */
    public static final String HEIGHT = "height";
    /** No rule fired: the ramp completed, was aborted or faulted. Also what map files store. */
    public static final String NONE = "none";

    private RuleNames() {
    }

    /** {@link #NONE} for null or "", else the name itself. */
    public static String orNone(String rule) {
        return rule == null || rule.isEmpty() ? NONE : rule;
    }
}
