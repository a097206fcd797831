package org.onset.instrument.install.p2.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/** How a p2 repository looks on disk, told before any p2 service is asked to load it. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /**
     * Whether {@code source} is a p2 repository: a folder with a (composite) content index, or a
     * zip file with a content index at its root.
     */
    static boolean isRepository(Path source) {
        if (Files.isDirectory(source)) {
            return Stream.of("content.jar", "content.xml", "content.xml.xz", "compositeContent.jar",
                    "compositeContent.xml").anyMatch(n -> Files.isRegularFile(source.resolve(n)));
        }
        if (Files.isRegularFile(source) && source.getFileName().toString().endsWith(".zip")) {
            try (ZipFile zip = new ZipFile(source.toFile())) {
                return zip.getEntry("content.jar") != null || zip.getEntry("content.xml") != null
                        || zip.getEntry("content.xml.xz") != null;
            } catch (IOException e) {
                return false; // not a readable zip: not a repository
            }
        }
        return false;
    }
}
