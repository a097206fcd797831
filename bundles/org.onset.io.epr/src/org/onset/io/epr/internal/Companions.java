package org.onset.io.epr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** Finds the other file of a two-file format: same base name, extension in any case. */
final class Companions {

    private Companions() {
    }

    static String base(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** The sibling with this extension (case-insensitive, exact case preferred), or null. */
    static Path sibling(Path file, String extension) {
        Path dir = file.toAbsolutePath().getParent();
        String base = base(file);
        for (String ext : new String[] { extension.toUpperCase(Locale.ROOT), extension.toLowerCase(Locale.ROOT) }) {
            Path p = dir.resolve(base + "." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().equalsIgnoreCase(base + "." + extension))
                    .filter(Files::isRegularFile).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
