package org.onset.sweep.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;
import org.junit.jupiter.api.Test;

/** The example recipes (the editor's presets) through the codec service and the fast approach. */
class RecipeRoundTripTest {

    static Path recipesDir() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("releng/recipes"))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException("releng/recipes not found above " + Path.of("").toAbsolutePath());
        }
        return d.resolve("releng/recipes");
    }

    @Test
    void everyExampleSavesBackToAnEquivalentRecipe() throws Exception {
        RecipeCodec codec = Services.get(RecipeCodec.class);
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(recipesDir(), "*.json")) {
            for (Path f : files) {
                MapRecipe r = codec.read(f);
                assertEquals(r, codec.parse(codec.toJson(r), f.getFileName().toString()), f.toString());
                n++;
            }
        }
        assertTrue(n >= 5, "examples: " + n);
    }

    @Test
    void aFastApproachRecipeSurvivesJsonAndIsRecognizedAgain() throws IOException, Exception {
        RecipeCodec codec = Services.get(RecipeCodec.class);
        MapRecipe r = codec.read(recipesDir().resolve("current-control.json"));
        FastApproach f = new FastApproach(-2.8, 5);
        MapRecipe fast = FastApproach.withRamp(r, f.applyTo(r.ramp()));
        MapRecipe back = codec.parse(codec.toJson(fast), "fast");
        assertEquals(fast, back);
        assertEquals(f, FastApproach.of(back.ramp()).orElseThrow());
        assertEquals(r.ramp(), FastApproach.measuringRamp(back.ramp()));
    }
}
