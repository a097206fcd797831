package org.onset.io.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What an importer sees to decide whether it can read a file: its path, size and first bytes
 * ({@link #HEAD_BYTES} at most). Importers of two-file formats (descriptor + data) may look at the
 * file's siblings themselves.
 *
 * @param file the file as given to the registry
 * @param size its size in bytes
 * @param head its first bytes, at most {@link #HEAD_BYTES}
 */
public record ContentProbe(Path file, long size, byte[] head) {

    /** How many leading bytes the registry reads for matching. */
    public static final int HEAD_BYTES = 8192;

    /** The lower-case extension without the dot, or "" when there is none. */
    public String extension() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether the head starts with these bytes. */
    public boolean startsWith(byte... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the head starts with this ASCII text. */
    public boolean startsWith(String ascii) {
        return startsWith(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The head as ISO-8859-1 text (every byte one character), for header sniffing. */
    public String headText() {
        return new String(head, StandardCharsets.ISO_8859_1);
    }
}
