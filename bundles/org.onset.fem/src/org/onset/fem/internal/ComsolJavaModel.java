package org.onset.fem.internal;

import org.onset.fem.FemModel;

/** Placeholder until the COMSOL export is written. */
final class ComsolJavaModel {
    static final String CLASS_NAME = "OnsetFemModel";

    private ComsolJavaModel() {
    }

    static String source(FemModel m) {
        return "public class " + CLASS_NAME + " {}\n";
    }
}
