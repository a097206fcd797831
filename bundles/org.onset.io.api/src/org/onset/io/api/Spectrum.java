package org.onset.io.api;

/** One spectrum: y over x, both with quantity and unit. */
public record Spectrum(Axis x, Signal y) implements Data {

    public Spectrum {
        if (x.size() != y.values().length) {
            throw new IllegalArgumentException("x has " + x.size() + " points, y " + y.values().length);
        }
    }

    @Override
    public String kind() {
        return "spectrum";
    }
}
