package org.onset.batch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.onset.batch.BatchCommand;
import org.onset.batch.internal.sweep.Commands;

/**
 * {@code onset bench} through the real command line (the dispatch of {@code ./onset}) with the
 * benchmarks bundle's command service: usage and exit status 2 on bad arguments.
 */
class BenchCommandLineTest {

    /** The command services of the framework, once the benchmarks' one is there. */
    private static final CommandLine.Commands SERVICES = new CommandLine.Commands() {
        @Override
        public BatchCommand find(String name) {
            return all().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }

        @Override
        public Collection<BatchCommand> all() {
            try {
                Commands.command("bench"); // waits until the command services are registered
                Commands.command("inspect");
                return Commands.all();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static Commands.Result onset(String... args) throws Exception {
        return Commands.capture((out, err) -> CommandLine.run(List.of(args), SERVICES, out, err));
    }

    private static void assertListsEveryBenchmark(String text) {
        assertTrue(text.contains("usage: onset bench <benchmark> [options]"), text);
        for (String b : List.of("sim", "sweep", "hdf5", "demo", "all")) {
            assertTrue(text.contains("\n  " + b + " "), b + " listed in:\n" + text);
        }
    }

    @Test
    void anUnknownBenchmarkExitsWithStatus2AndTheUsage() throws Exception {
        Commands.Result r = onset("bench", "nosuch");
        assertEquals(BatchCommand.USAGE, r.exit());
        assertTrue(r.err().contains("onset bench: unknown benchmark 'nosuch'"), r.err());
        assertListsEveryBenchmark(r.err());
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void benchAloneListsTheBenchmarks() throws Exception {
        Commands.Result r = onset("bench");
        assertEquals(BatchCommand.USAGE, r.exit());
        assertListsEveryBenchmark(r.err());
        Commands.Result help = onset("bench", "--help");
        assertEquals(0, help.exit());
        assertListsEveryBenchmark(help.out());
    }

    @Test
    void badOptionsAreNamedAndExitWithStatus2() throws Exception {
        assertUsageError(onset("bench", "sim", "--bogus", "1"), "unknown option '--bogus'");
        assertUsageError(onset("bench", "sweep", "--grid", "0"), "--grid needs a whole number from 1 to 100, got '0'");
        assertUsageError(onset("bench", "sweep", "--grid"), "--grid needs a value");
        assertUsageError(onset("bench", "hdf5", "--pixels", "30"), "--pixels must be a multiple of 20");
        assertUsageError(onset("bench", "demo", "--size", "x"), "--size needs a whole number");
        assertUsageError(onset("bench", "all", "--grid", "3"), "'all' takes no options");
    }

    private static void assertUsageError(Commands.Result r, String message) {
        assertEquals(BatchCommand.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains(message), "'" + message + "' in:\n" + r.err());
        assertListsEveryBenchmark(r.err());
    }

    @Test
    void anUnknownCommandListsTheCommands() throws Exception {
        Commands.Result r = onset("nosuchcommand");
        assertEquals(BatchCommand.USAGE, r.exit());
        assertTrue(r.err().contains("onset: unknown command 'nosuchcommand'"), r.err());
        assertTrue(r.err().contains("  bench ") && r.err().contains("  inspect "), r.err());
    }

    @Test
    void aSmallSweepBenchmarkPrintsItsFiguresWithUnits() throws Exception {
        Commands.Result r = onset("bench", "sweep", "--grid", "3", "--rate", "2000");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Sweep software overhead: 9 pixels"), r.out());
        assertTrue(r.out().contains("2000 Hz") && r.out().contains("Onset benchmark simulator"), r.out());
        for (String figure : List.of("per pixel with HDF5 storage:", "per pixel without storage:", "wall time per pixel:",
                "HDF5 file:")) {
            String line = r.out().lines().filter(l -> l.contains(figure)).findFirst().orElse("");
            assertTrue(line.matches(".*\\d+\\.\\d+ (ms|MB).*"), figure + " has a number with its unit: " + line);
        }
        assertTrue(r.out().contains("goal <= 1 ms"), r.out());
    }
}
