package org.onset.batch.internal.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.batch.BatchCommand;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.osgi.service.cm.Configuration;

/** {@code onset map} against the simulator, in a running framework. */
class MapCommandTest {
    @TempDir
    Path dir;

    /** A 4 × 3 map on instrument {@code id}: 0 → −4.2 V at 4.2 V/s (1 s ramps of virtual time), 2 kHz. */
    private Path recipe(String id, String extra) throws Exception {
        Path f = dir.resolve(id + ".json");
        Files.writeString(f, """
                { "name": "command test", "instrument_id": "%s",
                  "grid": { "nx": 4, "ny": 3, "spacing_nm": 20, "x0_nm": 800, "y0_nm": 800 },
                  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
                  "cutoff": { "current_pA": -10 }, "sample_rate_Hz": 2000%s }""".formatted(id, extra));
        return f;
    }

    @Test
    void mapsOnTheDefaultSimulatorAndResumesAFinishedFileWithoutWork() throws Exception {
        Path out = dir.resolve("m.h5");
        Commands.Result r = Commands.run("map", recipe("sim", "").toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("12 pixels (0 from an earlier run), 0 faults"), r.out());
        assertTrue(r.err().contains("12/12"), "progress on stderr: " + r.err());
        try (MapFile f = Commands.service(MapReaderService.class).open(out)) {
            assertTrue(f.isComplete());
            assertEquals(12, f.completedPixels().cardinality());
        }
        Commands.Result again = Commands.run("map", recipe("sim", "").toString(), "-o", out.toString(), "--resume");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("12 pixels (12 from an earlier run)"), again.out());
    }

    @Test
    void anInvalidRecipeExitsWithUsageAndNamesEveryField() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"instrument_id\": \"sim\", \"grid\": {\"nx\": -1, \"ny\": 2, \"spacing\": 20},"
                + " \"ramp\": {\"end_V\": -9, \"rate_V_per_s\": 1.2}, \"cutoff\": {\"current_pA\": -10}}");
        Commands.Result r = Commands.run("map", bad.toString(), "-o", dir.resolve("x.h5").toString());
        assertEquals(BatchCommand.USAGE, r.exit());
        for (String field : new String[] { "grid.nx", "grid.spacing ", "grid.spacing_nm", "ramp.end_V" }) {
            assertTrue(r.err().contains(field.trim() + ":"), field + " in:\n" + r.err());
        }
        assertFalse(Files.exists(dir.resolve("x.h5")));
    }

    @Test
    void missingFilesAndArgumentsAreNamed() throws Exception {
        Commands.Result none = Commands.run("map", dir.resolve("nope.json").toString(), "-o", "x.h5");
        assertEquals(BatchCommand.USAGE, none.exit());
        assertTrue(none.err().contains("nope.json does not exist"), none.err());
        IllegalArgumentException noOutput = assertThrows(IllegalArgumentException.class,
                () -> Commands.run("map", recipe("sim", "").toString()));
        assertTrue(noOutput.getMessage().contains("-o FILE.h5"), noOutput.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Commands.run("map", "a.json", "-o", "b.h5", "--fast"));
        // issue 9 defect 12: -o "" named the current directory and said " exists"
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Commands.run("map", recipe("sim", "").toString(), "-o", ""));
        assertEquals("-o needs a file name, got an empty one", empty.getMessage());
        IllegalArgumentException directory = assertThrows(IllegalArgumentException.class,
                () -> Commands.run("map", recipe("sim", "").toString(), "-o", dir.toString()));
        assertTrue(directory.getMessage().contains("is a directory; name the map file"), directory.getMessage());
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeTheInstrumentMoves() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Commands.Result r = Commands.run("map", recipe("sim", "").toString(), "-o", file.resolve("m.h5").toString());
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertTrue(r.err().contains("does not exist"), r.err());
        Commands.Result exists = Commands.run("map", recipe("sim", "").toString(), "-o", file.toString());
        assertEquals(BatchCommand.FAILURE, exists.exit());
        assertTrue(exists.err().contains("exists; continue it with --resume"), exists.err());
    }

    @Test
    void aDriverFaultStopsTheMapSafelyAndResumeContinues() throws Exception {
        Configuration sim = Commands.simulator("cmd-faulty", "fault.afterSeconds", 0.2);
        try {
            Path out = dir.resolve("f.h5");
            Commands.Result r = Commands.run("map", recipe("cmd-faulty", "").toString(), "-o", out.toString());
            assertEquals(MapCommand.DRIVER_FAULT, r.exit(), r.err());
            assertTrue(r.err().contains("bias set to 0 V; stopping this map"), r.err());
            assertTrue(r.err().contains("stopped after a driver fault: "), r.err());
            assertFalse(r.err().contains("by the user"), "a fault is not a user's abort: " + r.err());
            assertTrue(r.err().contains("--resume"), r.err());
            try (MapFile f = Commands.service(MapReaderService.class).open(out)) {
                assertEquals(1, f.completedPixels().cardinality(), "the faulted pixel is stored");
                assertEquals(Termination.FAULT, f.pixel(f.completedPixels().nextSetBit(0)).termination());
            }
            // with automatic resumes every pixel is measured (each one faults: the fault is injected in every ramp)
            Commands.Result more = Commands.run("map", recipe("cmd-faulty", "").toString(), "-o", out.toString(),
                    "--resume", "--max-faults", "20");
            assertEquals(MapCommand.DRIVER_FAULT, more.exit(), "every pixel faulted: not a success\n" + more.err());
            assertTrue(more.out().contains("12 pixels (1 from an earlier run), 11 faults"), more.out());
            assertTrue(more.err().contains("complete, but 11 of 12 pixels faulted"), more.err());
        } finally {
            sim.delete();
        }
    }

    @Test
    void aHangingDriverIsStoppedByTheWatchdog() throws Exception {
        Configuration sim = Commands.simulator("cmd-hang", "hang.afterSeconds", 0.3);
        try {
            Path out = dir.resolve("h.h5");
            Commands.Result r = Commands.run("map",
                    recipe("cmd-hang", ", \"limits\": {\"watchdog_margin_s\": 0.5}").toString(), "-o", out.toString());
            assertEquals(MapCommand.DRIVER_FAULT, r.exit(), r.err());
            assertTrue(r.err().contains("stopped after a driver fault: "), r.err());
            assertTrue(r.err().contains("watchdog: ramp did not return within 1.5 s"), r.err());
            try (MapFile f = Commands.service(MapReaderService.class).open(out)) {
                assertEquals(Termination.FAULT, f.pixel(f.completedPixels().nextSetBit(0)).termination());
            }
        } finally {
            sim.delete();
        }
    }

    /**
     * Issue 9 defect 12: stopped on the last pixel, the message counted pixels to continue although all
     * were there; the file is not marked complete, so --resume finishes it, and the message says that.
     */
    @Test
    void stoppedOnTheLastPixelTheMessageSaysResumeFinishesIt() {
        java.time.Duration z = java.time.Duration.ZERO;
        Path f = Path.of("m.h5");
        String last = MapCommand.whatIsLeft(new org.onset.sweep.api.SweepProgress(org.onset.sweep.api.SweepState.ABORTED,
                64, 64, 0, 0, z, z, z, z, "aborted"), f);
        assertTrue(last.startsWith("all 64 pixels are in m.h5, but the map was stopped before it was finished"), last);
        assertTrue(last.endsWith("finish it with: onset map RECIPE.json -o m.h5 --resume"), last);
        String middle = MapCommand.whatIsLeft(new org.onset.sweep.api.SweepProgress(org.onset.sweep.api.SweepState.ABORTED,
                10, 64, 0, 0, z, z, z, z, "aborted"), f);
        assertTrue(middle.startsWith("10 of 64 pixels are in m.h5; continue with: onset map RECIPE.json -o m.h5 --resume"),
                middle);
    }
}
