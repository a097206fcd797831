package org.onset.fem;

import java.util.List;

/** A model that cannot be built or means nothing: the message names every problem, one per line. */
public final class FemModelException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public FemModelException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public FemModelException(String message) {
        this(message, List.of(message));
    }

    /** Each problem in words. */
    public List<String> problems() {
        return problems;
    }
}
