package org.onset.batch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.batch.BatchCommand;
import org.onset.batch.internal.sweep.Commands;

/**
 * Issue 9 defect 1: an unexpected error (a StackOverflowError deep in a command) used to print
 * 1024 stack lines and exit with status 0. Now: one line, a crash file with the details, status 1.
 */
class CommandLineFailureTest {

    /** A command that fails the way it is told to. */
    private static CommandLine.Commands failing(Throwable t) {
        BatchCommand command = new BatchCommand() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public String summary() {
                return "fails";
            }

            @Override
            public String usage() {
                return "usage: onset boom";
            }

            @Override
            public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
                if (t instanceof Exception e) {
                    throw e;
                }
                throw (Error) t;
            }
        };
        return new CommandLine.Commands() {
            @Override
            public BatchCommand find(String name) {
                return name.equals("boom") ? command : null;
            }

            @Override
            public Collection<BatchCommand> all() {
                return List.of(command);
            }
        };
    }

    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1) + depth(0);
    }

    @Test
    void aStackOverflowGivesOneLineACrashFileAndStatus1(@TempDir Path home) throws Exception {
        StackOverflowError overflow;
        try {
            depth(Integer.MAX_VALUE);
            throw new AssertionError("no overflow");
        } catch (StackOverflowError e) {
            overflow = e;
        }
        String before = System.getProperty("onset.home");
        System.setProperty("onset.home", home.toString());
        Commands.Result r;
        try {
            StackOverflowError thrown = overflow;
            r = Commands.capture((out, err) -> CommandLine.run(List.of("boom", "x"), failing(thrown), out, err));
        } finally {
            if (before == null) {
                System.clearProperty("onset.home");
            } else {
                System.setProperty("onset.home", before);
            }
        }
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("onset boom: internal error: java.lang.StackOverflowError"), r.err());
        Matcher m = Pattern.compile("details for a bug report: (\\S+\\.txt)\\)").matcher(r.err());
        assertTrue(m.find(), r.err());
        Path crash = Path.of(m.group(1));
        assertTrue(crash.startsWith(home.resolve("logs")), crash.toString());
        String text = Files.readString(crash);
        assertTrue(text.startsWith("onset boom x\n"), text);
        assertTrue(text.contains("at org.onset.batch.internal.CommandLineFailureTest.depth"), "the trace is kept");
    }

    @Test
    void anExpectedFailureGivesItsMessageAndNoTrace() throws Exception {
        Commands.Result r = Commands.capture((out, err) -> CommandLine.run(List.of("boom"),
                failing(new IOException("disk on fire")), out, err));
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertEquals("onset boom: failed: disk on fire", r.err().strip());
    }

    /** Issue 9 defect 12: a file name that is not valid UTF-8 was written under another name. */
    @Test
    void anArgumentThatIsNotTextIsRefusedBeforeTheCommandRuns() throws Exception {
        // what the JVM makes of the bytes "bad\xff.h5" on a UTF-8 system
        Commands.Result r = Commands.capture((out, err) -> CommandLine.run(List.of("boom", "-o", "bad\uFFFD.h5"),
                failing(new IOException("the command ran")), out, err));
        assertEquals(BatchCommand.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("argument 2 ('bad\uFFFD.h5') is not valid"), r.err());
        assertTrue(!r.err().contains("the command ran"), r.err());
    }

    @Test
    void aBugGivesOneLineAndStatus1() throws Exception {
        Commands.Result r = Commands.capture((out, err) -> CommandLine.run(List.of("boom"),
                failing(new NullPointerException("x is null")), out, err));
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("internal error: java.lang.NullPointerException: x is null"), r.err());
    }
}
