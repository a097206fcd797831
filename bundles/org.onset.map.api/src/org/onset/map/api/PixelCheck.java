package org.onset.map.api;

import java.util.List;

/**
 * A stored pixel compared with the checksums written with it ({@link MapFile#verify(int)}).
 *
 * @param index       storage index of the pixel
 * @param checksummed false for pixels written before checksums were (older files): nothing to
 *                    compare with
 * @param differences one line per part that differs, e.g. "current curve: CRC32C 0x1a2b3c4d
 *                    stored, 0x… computed", or why the pixel cannot be read; empty when intact
 */
public record PixelCheck(int index, boolean checksummed, List<String> differences) {

    public PixelCheck {
        differences = List.copyOf(differences);
    }

    /** True when checksummed and nothing differs. */
    public boolean intact() {
        return checksummed && differences.isEmpty();
    }
}
