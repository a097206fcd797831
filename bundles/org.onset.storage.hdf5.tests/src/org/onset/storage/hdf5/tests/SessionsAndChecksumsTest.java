package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.AcquisitionSession;
import org.onset.map.api.Grid;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.PixelCheck;
import org.onset.map.api.SessionInfo;
import org.onset.storage.hdf5.internal.Hdf5MapStoreFactory;

/**
 * Acquisition sessions (which instrument, settings and software measured which pixel) and the
 * per-pixel CRC32C checksums: written, read back, kept by resumes, reconstructed for older files,
 * and a bit flipped behind the writer's back (with h5py) found in exactly its pixel and part.
 */
class SessionsAndChecksumsTest {

    @TempDir
    Path dir;

    private final Grid layout = new Grid(5, 4, 0, 0, 20e-9, 20e-9);
    private final Hdf5MapStoreFactory stores = new Hdf5MapStoreFactory();

    private Map<String, String> attributes() {
        Map<String, String> a = new HashMap<>(SyntheticMap.ATTRIBUTES);
        a.put(MapAttributes.INSTRUMENT_ID, "sim");
        a.put(MapAttributes.INSTRUMENT_SETTINGS, "{\"sampleSeed\":1}");
        a.put(MapAttributes.CREATED, "2026-01-02T03:04:05Z");
        return a;
    }

    private void append(MapStore s, int from, int to) throws IOException {
        for (int p = from; p < to; p++) {
            s.append(SyntheticMap.pixel(layout, p, 7, 200));
        }
    }

    @Test
    void sessionsRecordWhoMeasuredEachPixel() throws Exception {
        Path file = dir.resolve("s.h5");
        try (MapStore s = stores.create(file, layout, attributes(), SyntheticMap.CHANNELS)) {
            assertEquals(1, s.sessions().size());
            append(s, 0, 8);
        }
        // a resume that stores nothing (e.g. refused by its caller) leaves the sessions as they were
        try (MapStore s = stores.openForResume(file, new SessionInfo("quiet", "{\"sampleSeed\":2}", "x"))) {
            assertEquals(2, s.sessions().size());
        }
        try (MapFile f = MapFiles.open(file)) {
            assertEquals(1, f.sessions().size(), "a resume that stored nothing is no session");
        }
        try (MapStore s = stores.openForResume(file,
                new SessionInfo("quiet", "{\"sampleSeed\":2}", "accepted: sampleSeed 1 → 2"))) {
            append(s, 8, 12);
        }
        try (MapFile f = MapFiles.open(file)) {
            List<AcquisitionSession> sessions = f.sessions();
            assertEquals(2, sessions.size());
            AcquisitionSession first = sessions.get(0);
            assertEquals(0, first.index());
            assertEquals("sim", first.instrumentId());
            assertEquals("{\"sampleSeed\":1}", first.instrumentSettings());
            assertNotNull(first.end(), "a cleanly closed session has an end");
            assertFalse(first.end().isBefore(first.start()));
            assertFalse(first.softwareVersion().isEmpty());
            AcquisitionSession second = sessions.get(1);
            assertEquals(1, second.index());
            assertEquals("quiet", second.instrumentId());
            assertEquals("{\"sampleSeed\":2}", second.instrumentSettings());
            assertEquals("accepted: sampleSeed 1 → 2", second.note());
            assertNotNull(second.end());
            int[] expected = new int[layout.pixelCount()];
            for (int p = 0; p < expected.length; p++) {
                expected[p] = p < 8 ? 0 : p < 12 ? 1 : -1;
            }
            assertArrayEquals(expected, f.pixelSessions());
            for (int p = 0; p < 12; p++) {
                PixelCheck c = f.verify(p);
                assertTrue(c.intact(), "pixel " + p + ": " + c);
            }
        }
    }

    @Test
    void aKilledSessionHasNoEnd() throws Exception {
        Path file = dir.resolve("k.h5");
        MapStore s = stores.create(file, layout, attributes(), SyntheticMap.CHANNELS);
        append(s, 0, 3);
        // not closed: as after a kill, the file is read while the session is open
        try (MapFile f = MapFiles.open(file)) {
            assertNull(f.sessions().get(0).end());
            assertEquals(0, f.pixelSessions()[2]);
        } finally {
            s.close();
        }
    }

    @Test
    void aFlippedBitIsFoundInExactlyItsPixelAndPart() throws Exception {
        Path file = dir.resolve("flip.h5");
        try (MapStore s = stores.create(file, layout, attributes(), SyntheticMap.CHANNELS)) {
            append(s, 0, layout.pixelCount());
        }
        // pixel 6: synthetic pixels 4, 9, … store current as float64, the others as int16 codes
        int victim = 6;
        String out = python(file, """
                import h5py, sys
                f = h5py.File(sys.argv[1], 'r+')
                c = f['/Measurement_000/Curves']
                p = int(sys.argv[2])
                enc = int(c['current_encoding'][p]); off = int(c['current_offset'][p])
                name = {1: 'current_int16', 2: 'current_float32', 3: 'current_float64'}[enc]
                ds = c[name]; k = off + 17
                v = ds[k:k + 1].copy()
                raw = v.view('u1'); raw[0] ^= 0x04
                ds[k:k + 1] = v
                f['/Measurement_000/Pixels/y'][p + 3] = f['/Measurement_000/Pixels/y'][p + 3] * (1 + 2**-40)
                f.close()
                print(name, k)
                """, String.valueOf(victim));
        assertTrue(out.startsWith("current_"), out);
        try (MapFile f = MapFiles.open(file)) {
            List<Integer> damaged = new ArrayList<>();
            for (int p = 0; p < layout.pixelCount(); p++) {
                PixelCheck c = f.verify(p);
                assertTrue(c.checksummed());
                if (!c.differences().isEmpty()) {
                    damaged.add(p);
                }
            }
            assertEquals(List.of(victim, victim + 3), damaged);
            List<String> curve = f.verify(victim).differences();
            assertEquals(1, curve.size(), curve.toString());
            assertTrue(curve.get(0).startsWith("current curve: CRC32C 0x"), curve.toString());
            List<String> scalars = f.verify(victim + 3).differences();
            assertEquals(1, scalars.size(), scalars.toString());
            assertTrue(scalars.get(0).startsWith("scalar values"), scalars.toString());
        }
    }

    @Test
    void filesWithoutSessionsOpenAndResume() throws Exception {
        Path file = dir.resolve("old.h5");
        try (MapStore s = stores.create(file, layout, attributes(), SyntheticMap.CHANNELS)) {
            append(s, 0, 5);
        }
        // as written by Onset before sessions and checksums: without their datasets and attribute
        python(file, """
                import h5py, sys
                f = h5py.File(sys.argv[1], 'r+')
                px = f['/Measurement_000/Pixels']
                del px['session']; del px['checksum_crc32c']; del px.attrs['sessions']
                f.close()
                print('ok')
                """);
        try (MapFile f = MapFiles.open(file)) {
            List<AcquisitionSession> sessions = f.sessions();
            assertEquals(1, sessions.size());
            assertEquals("sim", sessions.get(0).instrumentId());
            assertEquals("2026-01-02T03:04:05Z", sessions.get(0).start().toString());
            assertTrue(sessions.get(0).note().contains("reconstructed"), sessions.get(0).note());
            assertEquals(0, f.pixelSessions()[4]);
            assertEquals(-1, f.pixelSessions()[5]);
            assertFalse(f.verify(0).checksummed());
        }
        try (MapStore s = stores.openForResume(file, new SessionInfo("sim", "{\"sampleSeed\":1}", ""))) {
            append(s, 5, 9);
        }
        try (MapFile f = MapFiles.open(file)) {
            assertEquals(2, f.sessions().size());
            assertTrue(f.sessions().get(0).note().contains("reconstructed"));
            assertEquals("sim", f.sessions().get(1).instrumentId());
            int[] owner = f.pixelSessions();
            assertEquals(0, owner[4]);
            assertEquals(1, owner[5]);
            assertEquals(1, owner[8]);
            assertEquals(-1, owner[9]);
            assertFalse(f.verify(4).checksummed(), "pixels written before checksums have none");
            assertTrue(f.verify(5).intact());
            assertTrue(f.verify(8).intact());
        }
    }

    private String python(Path file, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PythonCheck.PYTHON.toString(), "-c", script, file.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.trim();
    }
}
