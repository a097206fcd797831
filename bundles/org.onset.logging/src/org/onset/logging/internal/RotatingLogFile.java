package org.onset.logging.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A text file that rotates by size: when the next entry would take {@code name} past
 * {@code maxBytes}, it becomes {@code name.1}, {@code name.1} becomes {@code name.2} and so on;
 * {@code name.<keep>} is dropped. An entry is never split across files, so a single entry longer
 * than the limit still goes whole into a fresh file.
 *
 * <p>Each entry is flushed when written: the log is read after crashes and {@code kill -9}, and
 * what it records (faults, watchdog firings, repairs) is rare enough that buffering buys nothing.
 */
final class RotatingLogFile implements AutoCloseable {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private Writer out;
    private long size;

    RotatingLogFile(Path file, long maxBytes, int keep) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (keep < 0) {
            throw new IllegalArgumentException("keep must not be negative, got " + keep);
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    Path file() {
        return file;
    }

    synchronized void append(String entry) throws IOException {
        byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
        if (out == null) {
            open();
        }
        if (size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        out.write(entry);
        out.flush();
        size += bytes.length;
    }

    private void open() throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        if (keep == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(numbered(keep));
            for (int k = keep - 1; k >= 1; k--) {
                Path from = numbered(k);
                if (Files.exists(from)) {
                    Files.move(from, numbered(k + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    Path numbered(int k) {
        return file.resolveSibling(file.getFileName() + "." + k);
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
