package org.onset.fem;

import java.io.IOException;

/**
 * gmsh or getdp is not installed: the message names the missing programs and the Debian packages
 * that bring them.
 */
public final class SolverMissingException extends IOException {

    private static final long serialVersionUID = 1L;

    public SolverMissingException(String message) {
        super(message);
    }
}
