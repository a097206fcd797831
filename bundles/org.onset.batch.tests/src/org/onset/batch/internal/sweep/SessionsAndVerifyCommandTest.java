package org.onset.batch.internal.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.registry.InstrumentRegistry;
import org.osgi.service.cm.Configuration;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue 9: {@code onset map --resume} refuses a changed instrument and names the change,
 * {@code --accept-changes} continues and {@code inspect} shows the sessions; {@code onset verify}
 * finds one flipped bit in exactly its pixel.
 */
class SessionsAndVerifyCommandTest {
    @TempDir
    Path dir;

    private Path recipe() throws Exception {
        return Files.writeString(dir.resolve("r.json"), """
                { "name": "sessions test", "instrument_id": "sessions-sim",
                  "grid": { "nx": 4, "ny": 3, "spacing_nm": 20, "x0_nm": 800, "y0_nm": 800 },
                  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
                  "cutoff": { "current_pA": -10 }, "sample_rate_Hz": 2000 }""");
    }

    /** Waits until the registry has the simulator with that seed (a configuration change restarts it). */
    private static void awaitSeed(String id, long seed) throws Exception {
        InstrumentRegistry registry = Commands.service(InstrumentRegistry.class);
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            Object now = registry.instrument(id).map(i -> i.properties().get("sampleSeed")).orElse(null);
            if (now != null && ((Number) now).longValue() == seed) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("simulator " + id + " did not get sampleSeed " + seed);
    }

    @Test
    void resumeAfterASettingChangedIsRefusedUnlessAccepted() throws Exception {
        Path recipe = recipe();
        Path out = dir.resolve("m.h5");
        Configuration sim = Commands.simulator("sessions-sim", "sampleSeed", 3L);
        try {
            awaitSeed("sessions-sim", 3);
            Commands.Result first = Commands.run("map", recipe.toString(), "-o", out.toString());
            assertEquals(0, first.exit(), first.err());

            Commands.simulator("sessions-sim", "sampleSeed", 5L);
            awaitSeed("sessions-sim", 5);
            Commands.Result refused = Commands.run("map", recipe.toString(), "-o", out.toString(), "--resume");
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("sampleSeed: 3 → 5"), refused.err());
            assertTrue(refused.err().contains("--accept-changes"), refused.err());

            Commands.Result accepted = Commands.run("map", recipe.toString(), "-o", out.toString(), "--resume",
                    "--accept-changes");
            assertEquals(0, accepted.exit(), accepted.err());
        } finally {
            sim.delete();
        }
        Commands.Result text = Commands.run("inspect", out.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("instrument 'sessions-sim'") && text.out().contains("12 pixels"), text.out());
        assertTrue(text.out().contains("note: resumed accepting instrument changes since session 0: sampleSeed: 3 → 5"),
                text.out());
        Commands.Result json = Commands.run("inspect", out.toString(), "--json");
        JsonArray sessions = JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("sessions");
        assertEquals(2, sessions.size(), sessions.toString());
        JsonObject s0 = sessions.get(0).getAsJsonObject();
        assertEquals(12, s0.get("pixels").getAsInt());
        assertTrue(s0.get("instrument_settings").getAsString().contains("\"sampleSeed\":3"));
        assertTrue(sessions.get(1).getAsJsonObject().get("instrument_settings").getAsString()
                .contains("\"sampleSeed\":5"));
    }

    @Test
    void verifyFindsAFlippedBitInExactlyItsPixel() throws Exception {
        Path recipe = recipe();
        Path out = dir.resolve("v.h5");
        Configuration sim = Commands.simulator("sessions-sim", "sampleSeed", 3L);
        try {
            awaitSeed("sessions-sim", 3);
            Commands.Result map = Commands.run("map", recipe.toString(), "-o", out.toString());
            assertEquals(0, map.exit(), map.err());
        } finally {
            sim.delete();
        }
        Commands.Result intact = Commands.run("verify", out.toString());
        assertEquals(0, intact.exit(), intact.out() + intact.err());
        assertTrue(intact.out().contains("12 pixels checked, 0 differ"), intact.out());

        Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                import h5py, sys
                f = h5py.File(sys.argv[1], 'r+')
                c = f['/Measurement_000/Curves']
                enc = int(c['current_encoding'][5]); off = int(c['current_offset'][5])
                ds = c[{1: 'current_int16', 2: 'current_float32', 3: 'current_float64'}[enc]]
                v = ds[off + 100:off + 101].copy()
                v.view('u1')[0] ^= 0x01
                ds[off + 100:off + 101] = v
                f.close()
                """, out.toString()).redirectErrorStream(true).start();
        String py = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), py);

        Commands.Result damaged = Commands.run("verify", out.toString());
        assertEquals(VerifyCommand.DAMAGED, damaged.exit(), damaged.out() + damaged.err());
        List<String> pixels = damaged.out().lines().filter(l -> l.startsWith("pixel ")).toList();
        assertEquals(1, pixels.size(), damaged.out());
        assertTrue(pixels.get(0).startsWith("pixel 5 (i 1, j 1): current curve: CRC32C 0x"), pixels.get(0));
        assertTrue(damaged.out().contains("12 pixels checked, 1 differ"), damaged.out());
    }
}
