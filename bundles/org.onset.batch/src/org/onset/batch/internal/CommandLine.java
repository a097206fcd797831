package org.onset.batch.internal;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.onset.batch.BatchCommand;

/**
 * The command line's rules, apart from where the commands come from: {@code onset} alone or
 * {@code help} lists the commands; {@code --help} after a command prints its usage; unknown
 * commands and bad arguments (a command's {@link IllegalArgumentException}) print the usage and
 * give exit status 2; any other exception is a failure (1).
 */
final class CommandLine {

    /** The command services. */
    interface Commands {
        /** The command of that name, waiting briefly for it to register; null when there is none. */
        BatchCommand find(String name) throws InterruptedException;

        /** Every command registered now. */
        Collection<BatchCommand> all() throws InterruptedException;
    }

    private CommandLine() {
    }

    static int run(List<String> args, Commands commands, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            printUsage(commands.all(), args.isEmpty() ? err : out);
            return args.isEmpty() ? BatchCommand.USAGE : 0;
        }
        String name = args.get(0);
        BatchCommand command = commands.find(name);
        if (command == null) {
            err.println("onset: unknown command '" + name + "'");
            printUsage(commands.all(), err);
            return BatchCommand.USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        for (int k = 0; k < rest.size(); k++) {
            // the JVM turns bytes that are not text in this system's encoding into U+FFFD: a file name
            // like that would be read or written under another name than the one typed
            if (rest.get(k).indexOf('\uFFFD') >= 0) {
                err.println("onset " + name + ": argument " + (k + 1) + " ('" + rest.get(k) + "') is not valid "
                        + System.getProperty("sun.jnu.encoding", "UTF-8") + " text (shown as \uFFFD): Onset would use a"
                        + " different name than the one given; rename the file or choose a name in that encoding");
                return BatchCommand.USAGE;
            }
        }
        if (rest.contains("-h") || rest.contains("--help")) {
            out.println(command.usage());
            return 0;
        }
        try {
            return command.run(rest, out, err);
        } catch (IllegalArgumentException e) {
            err.println("onset " + name + ": " + e.getMessage());
            err.println(command.usage());
            return BatchCommand.USAGE;
        } catch (InterruptedException e) {
            throw e;
        } catch (java.io.IOException | org.onset.sweep.api.SweepException e) {
            // expected failures (a file, the instrument): their message is what the user needs
            err.println("onset " + name + ": failed: " + e.getMessage());
            return BatchCommand.FAILURE;
        } catch (Throwable t) {
            // a bug, or a resource exhausted (stack, memory): one line here, the details in a file,
            // and never exit status 0
            err.println("onset " + name + ": internal error: " + oneLine(t) + CrashReport.write(name, rest, t));
            return BatchCommand.FAILURE;
        }
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        String text = t.getClass().getName() + (message == null ? "" : ": " + message);
        text = text.replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void printUsage(Collection<BatchCommand> commands, PrintStream to) {
        to.println("usage: onset <command> [arguments]   (onset <command> --help for details)");
        to.println("commands:");
        to.println(String.format("  %-10s %s", "workbench", "start the graphical workbench"));
        to.println(String.format("  %-10s %s", "test", "build and run the full test suite"));
        commands.stream().sorted(Comparator.comparing(BatchCommand::name))
                .forEach(c -> to.println(String.format("  %-10s %s", c.name(), c.summary())));
    }
}
