package org.onset.sweep.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes map recipes as JSON. Units are in the field names ({@code "spacing_nm"},
 * {@code "rate_V_per_s"}, {@code "current_pA"} ...); releng/recipes/README.md describes the format.
 */
@ProviderType
public interface RecipeCodec {

    /**
     * Parses and validates a recipe.
     *
     * @param json   the JSON text
     * @param source what to call the text in messages (a file name), may be empty
     * @throws InvalidRecipeException naming every missing, unknown, mistyped or out-of-range field
     */
    MapRecipe parse(String json, String source) throws InvalidRecipeException;

    /** Reads a recipe file; see {@link #parse}. */
    MapRecipe read(Path file) throws IOException, InvalidRecipeException;

    /** The recipe as JSON in the format {@link #parse} reads (pretty printed). */
    String toJson(MapRecipe recipe);
}
