package org.onset.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @Test
    void appendsAcrossReopenAndRotatesWholeEntries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs").resolve("onset.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 100, 1)) {
            log.append("a".repeat(59) + "\n");
        }
        try (RotatingLogFile log = new RotatingLogFile(file, 100, 1)) {
            log.append("b".repeat(39) + "\n"); // exactly 100 bytes: still fits
            assertEquals(100, Files.size(file));
            log.append("c".repeat(9) + "\n");
            log.append("d".repeat(199) + "\n"); // longer than the limit: whole, in a fresh file
        }
        assertEquals("d".repeat(199) + "\n", Files.readString(file));
        assertEquals("c".repeat(9) + "\n", Files.readString(dir.resolve("logs/onset.log.1")));
        assertFalse(Files.exists(dir.resolve("logs/onset.log.2")), "keep = 1");
    }

    @Test
    void keepZeroStartsOver(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("onset.log");
        try (RotatingLogFile log = new RotatingLogFile(file, 10, 0)) {
            log.append("12345678\n");
            log.append("abc\n");
        }
        assertEquals("abc\n", Files.readString(file));
        assertTrue(Files.list(dir).count() == 1);
    }
}
