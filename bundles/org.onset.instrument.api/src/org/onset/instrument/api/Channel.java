package org.onset.instrument.api;

/** Acquired channels of a ramp. Units are SI. */
public enum Channel {
    /** Applied tip bias, V. */
    BIAS("V"),
    /** Tip current, A; cathodic (Li⁺ reduction) current is negative. */
    CURRENT("A"),
    /** Height (Z sensor), m; growth under the tip is positive. */
    HEIGHT("m");

    private final String unit;

    Channel(String unit) {
        this.unit = unit;
    }

    /** SI unit symbol. */
    public String unit() {
        return unit;
    }
}
