package org.onset.ui.acquisition.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;

/**
 * The recipe editor's presets: the example recipes of releng/recipes, shipped in this bundle's
 * {@code presets/} folder (a test checks that the copies equal the originals).
 */
final class Presets {

    /** Label and file of each preset, in the order the menu shows them. */
    record Preset(String label, String file) {
    }

    static final List<Preset> ALL = List.of(
            new Preset("Current control (paper, 70 × 70, −10 pA)", "current-control.json"),
            new Preset("Height control (paper, 70 × 70, ΔZ 8 nm)", "height-control.json"),
            new Preset("Quick look (10 × 10)", "quick.json"),
            new Preset("Uncontrolled (no compliance, 5 × 5)", "uncontrolled.json"),
            new Preset("Either rule, random order, ramp back (20 × 20)", "either-rule-random.json"));

    private Presets() {
    }

    static String json(Preset p) throws IOException {
        URL url = Presets.class.getResource("/presets/" + p.file());
        if (url == null) {
            throw new IOException("preset " + p.file() + " is missing from the bundle");
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static MapRecipe load(RecipeCodec codec, Preset p) throws IOException, InvalidRecipeException {
        return codec.parse(json(p), p.file());
    }
}
