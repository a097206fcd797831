package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.map.api.AcquisitionSession;
import org.onset.map.api.MapFile;
import org.onset.sweep.api.InstrumentChangedException;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepState;

/**
 * Issue 9, defect 6: a resume on another instrument, or after the instrument's settings changed,
 * is refused with a message naming each change; accepted explicitly, it continues and the file
 * records the new session, its changes, and which session measured each pixel.
 */
class InstrumentChangeResumeTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private SweepServiceImpl service;
    private ScriptedDriver driver;

    @BeforeEach
    void setUp() throws InterruptedException {
        service = new SweepServiceImpl(MapServices.stores());
        driver = new ScriptedDriver("scripted", 11, 4, TestRecipes.SPACING);
        service.addDriver(driver, Map.of(InstrumentDriver.INSTRUMENT_ID, "scripted", "sampleSeed", 1, "gain", 2.5));
    }

    @AfterEach
    void tearDown() {
        service.deactivate();
    }

    private MapRecipe recipe(String instrument) {
        return TestRecipes.small(instrument, 4, 3, PixelOrder.RASTER);
    }

    /** A map aborted after a few pixels on the scripted instrument; returns how many are stored. */
    private int interruptedMap(Path out) throws Exception {
        driver.blockSleep(20);
        driver.rampStarted = new CountDownLatch(2);
        SweepRun run = service.start(recipe("scripted"), out, false);
        assertTrue(driver.rampStarted.await(10, TimeUnit.SECONDS));
        Thread.sleep(30);
        run.abort();
        assertTrue(run.awaitFinished(LONG));
        assertEquals(SweepState.ABORTED, run.state());
        driver.blockSleep(0);
        return run.progress().done();
    }

    @Test
    void changedSettingsAreRefusedThenAcceptedAndRecorded() throws Exception {
        Path out = dir.resolve("map.h5");
        int stored = interruptedMap(out);
        service.removeDriver(driver, Map.of());
        service.addDriver(driver, Map.of(InstrumentDriver.INSTRUMENT_ID, "scripted", "sampleSeed", 7, "gain", 2.5));

        InstrumentChangedException refused = assertThrows(InstrumentChangedException.class,
                () -> service.start(recipe("scripted"), out, true));
        assertEquals(List.of("sampleSeed: 1 → 7"), refused.changes());
        assertTrue(refused.getMessage().contains("sampleSeed: 1 → 7")
                && refused.getMessage().contains("instrument 'scripted' with other settings"), refused.getMessage());
        try (MapFile r = MapServices.reader().open(out)) {
            assertEquals(1, r.sessions().size(), "a refused resume adds no session");
            assertEquals(stored, r.completedPixels().cardinality());
        }

        SweepRun resumed = service.start(recipe("scripted"), out, true, true);
        assertTrue(resumed.awaitFinished(LONG));
        assertEquals(SweepState.COMPLETED, resumed.state(), resumed.progress().reason());
        try (MapFile r = MapServices.reader().open(out)) {
            List<AcquisitionSession> sessions = r.sessions();
            assertEquals(2, sessions.size());
            assertTrue(sessions.get(0).instrumentSettings().contains("\"sampleSeed\":1"));
            assertTrue(sessions.get(1).instrumentSettings().contains("\"sampleSeed\":7"));
            assertTrue(sessions.get(1).note().contains("sampleSeed: 1 → 7"), sessions.get(1).note());
            int[] owner = r.pixelSessions();
            int first = 0;
            for (int p = 0; p < owner.length; p++) {
                assertTrue(owner[p] == 0 || owner[p] == 1, "pixel " + p + ": " + owner[p]);
                first += owner[p] == 0 ? 1 : 0;
            }
            assertEquals(stored, first, "the pixels of the first session keep it");
        }
        // the same instrument and settings as the last session: resumes without a word
        SweepRun again = service.start(recipe("scripted"), out, true);
        assertTrue(again.awaitFinished(LONG));
        assertEquals(SweepState.COMPLETED, again.state(), again.progress().reason());
    }

    @Test
    void anotherInstrumentIsRefused() throws Exception {
        Path out = dir.resolve("map.h5");
        interruptedMap(out);
        ScriptedDriver other = new ScriptedDriver("other", 11, 4, TestRecipes.SPACING);
        service.addDriver(other, Map.of(InstrumentDriver.INSTRUMENT_ID, "other", "sampleSeed", 1, "gain", 2.5));
        InstrumentChangedException refused = assertThrows(InstrumentChangedException.class,
                () -> service.start(recipe("other"), out, true));
        assertTrue(refused.changes().contains("instrument: 'scripted' → 'other'"), refused.changes().toString());
        assertTrue(refused.getMessage().contains("on instrument 'scripted', not 'other'"), refused.getMessage());
        assertEquals(0, other.ramps(), "nothing was measured on the other instrument");
    }
}
