package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import org.onset.batch.BatchCommand;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.PixelCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code onset verify FILE.h5}: reads every stored pixel back and compares it with the CRC32C
 * checksums written with it, so that a bit flipped on disk, in a copy or by hand is found and named.
 */
@Component(service = BatchCommand.class)
public final class VerifyCommand implements BatchCommand {

    /** Exit status when at least one pixel differs from its checksums. */
    static final int DAMAGED = 4;

    private final MapReaderService maps;

    @Activate
    public VerifyCommand(@Reference MapReaderService maps) {
        this.maps = maps;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "check every stored pixel of a map file against its checksums: onset verify FILE.h5";
    }

    @Override
    public String usage() {
        return """
                usage: onset verify FILE.h5
                  Reads every stored pixel (curve and values) and compares it, part by part, with the CRC32C
                  checksums written with it: each curve channel (time, bias, current, height) and the scalar
                  values. Prints each pixel that differs, with its index, (i, j) and what differs, then a summary
                  line. Pixels written by an Onset without checksums (older files) are counted as unchecked.
                Exit status: 0 every checksummed pixel intact, 1 not a readable map file,
                             2 bad arguments or no such file, 4 at least one pixel differs from its checksums.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path file = null;
        for (String a : args) {
            if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + a + "'");
            } else if (file != null) {
                throw new IllegalArgumentException("one file at a time, got '" + file + "' and '" + a + "'");
            }
            file = Path.of(a);
        }
        if (file == null) {
            throw new IllegalArgumentException("name the map file to verify");
        }
        if (!Files.exists(file)) {
            err.println("onset verify: " + file + " does not exist");
            return USAGE;
        }
        int damaged = 0;
        int unchecked = 0;
        int checked = 0;
        long t0 = System.nanoTime();
        try (MapFile reader = maps.open(file)) {
            Grid g = reader.grid();
            BitSet stored = reader.completedPixels();
            for (int p = stored.nextSetBit(0); p >= 0; p = stored.nextSetBit(p + 1)) {
                PixelCheck c = reader.verify(p);
                if (!c.checksummed()) {
                    unchecked++;
                    continue;
                }
                checked++;
                if (!c.differences().isEmpty()) {
                    damaged++;
                    out.printf(Locale.ROOT, "pixel %d (i %d, j %d): %s%n", p, g.i(p), g.j(p),
                            String.join("; ", c.differences()));
                }
            }
        } catch (IOException e) {
            err.println("onset verify: " + e.getMessage());
            return FAILURE;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%s: %d pixels checked, %d differ from their checksums, %d without checksums"
                + " (written before checksums); %.2f s%n", file, checked, damaged, unchecked, seconds);
        return damaged > 0 ? DAMAGED : 0;
    }
}
