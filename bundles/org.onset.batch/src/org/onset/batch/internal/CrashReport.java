package org.onset.batch.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Keeps the stack trace of an internal error out of the terminal: a scientist gets one line, a
 * developer gets {@code <onset home>/logs/crash-<time>.txt} with the command, the arguments and the
 * trace (a StackOverflowError's 1024 lines are useless on screen and bury the message).
 */
final class CrashReport {

    private CrashReport() {
    }

    /** Writes the report; returns the text to append to the error line (where the details are). */
    static String write(String command, List<String> args, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String home = System.getProperty("onset.home", System.getProperty("user.home") + "/.onset");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        String text = "onset " + command + " " + String.join(" ", args) + "\n" + System.getProperty("java.version")
                + "\n\n" + trace;
        for (Path dir : List.of(Path.of(home, "logs"), Path.of(System.getProperty("java.io.tmpdir")))) {
            try {
                Files.createDirectories(dir);
                Path file = dir.resolve("crash-" + stamp + ".txt");
                Files.writeString(file, text, StandardCharsets.UTF_8);
                return " (details for a bug report: " + file + ")";
            } catch (IOException | RuntimeException unwritable) {
                // try the next place; the one-line message is shown either way
            }
        }
        return "";
    }
}
