package org.onset.sweep.api;

import java.util.Objects;

/**
 * One thing wrong with a recipe.
 *
 * @param field   where, as the JSON path of the field, e.g. {@code "grid.spacing_nm"} or {@code "cutoff.any[1]"}
 * @param message what is wrong and what is allowed, e.g. "must be > 0 nm, got -20"
 */
public record RecipeProblem(String field, String message) {
    public RecipeProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
