package org.onset.sweep.api;

import java.util.List;
import java.util.stream.Collectors;

/** A recipe cannot be run; {@link #problems()} names every bad field, not only the first. */
public class InvalidRecipeException extends SweepException {
    private static final long serialVersionUID = 1L;

    private final List<RecipeProblem> problems;

    public InvalidRecipeException(String source, List<RecipeProblem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<RecipeProblem> problems() {
        return problems;
    }

    private static String message(String source, List<RecipeProblem> problems) {
        String head = (source == null || source.isEmpty() ? "invalid recipe" : "invalid recipe " + source) + " ("
                + problems.size() + (problems.size() == 1 ? " problem)" : " problems)");
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", head + ":\n", ""));
    }
}
