package org.onset.batch;

import java.io.PrintStream;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One subcommand of the headless command line ({@code onset NAME ARGS}). Bundles contribute
 * commands as DS services; the batch application dispatches by {@link #name()}.
 */
@ConsumerType
public interface BatchCommand {

    /** The word after {@code onset}, e.g. "version". */
    String name();

    /** One line for the usage list, e.g. "version   print versions and the Onset bundles". */
    String summary();

    /** Full usage text of this command. */
    String usage();

    /**
     * Runs the command.
     *
     * @param args arguments after the command name
     * @param out  results (stdout)
     * @param err  progress and errors (stderr)
     * @return the process exit code: 0 success, 2 bad usage, 1 failure
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;

    /** Exit code for bad arguments. */
    int USAGE = 2;
    /** Exit code for a failure. */
    int FAILURE = 1;
}
