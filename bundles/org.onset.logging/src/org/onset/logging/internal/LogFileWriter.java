package org.onset.logging.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Writes the entries of the OSGi Log Service (Equinox's, built into the framework) to
 * {@code <onset home>/logs/onset.log}, rotated by size. Bundles log through the standard
 * {@code org.osgi.service.log.Logger} (DS components take one as an {@code @Reference(service =
 * LoggerFactory.class) Logger} constructor parameter); they need no dependency on this bundle,
 * and without it their entries simply go nowhere.
 *
 * <p>Onset home is the system property {@value #HOME_PROPERTY} ({@code ./onset} sets it from
 * {@code ONSET_HOME}), else {@code ~/.onset}. The optional configuration {@value #PID} overrides
 * the directory ({@code directory}), the size at which the file rotates ({@code maxBytes}) and how
 * many rotated files are kept ({@code keep}).
 *
 * <p>One line per entry: ISO-8601 local time with offset, level, bundle, logger, message; an
 * exception follows as its stack trace, indented.
 */
@Component(immediate = true, configurationPid = LogFileWriter.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class LogFileWriter implements LogListener {

    public static final String PID = "org.onset.logging";
    public static final String HOME_PROPERTY = "onset.home";
    public static final String FILE_NAME = "onset.log";
    static final long DEFAULT_MAX_BYTES = 1L << 20;
    static final int DEFAULT_KEEP = 5;

    /**
     * Loggers under this name log at INFO. The framework's default is WARN for every logger; Onset's
     * own INFO entries (e.g. a repaired map file) belong in the file, the framework's do not.
     */
    static final String ONSET_LOGGERS = "org.onset";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final LogReaderService reader;
    private final RotatingLogFile file;
    private volatile boolean failed;

    @Activate
    public LogFileWriter(Map<String, Object> config, @Reference LogReaderService reader,
            @Reference LoggerAdmin loggerAdmin) {
        this.reader = reader;
        this.file = new RotatingLogFile(directory(config).resolve(FILE_NAME),
                number(config, "maxBytes", DEFAULT_MAX_BYTES), (int) number(config, "keep", DEFAULT_KEEP));
        // only if nobody configured it: an explicit level (framework property, Config Admin) wins
        LoggerContext root = loggerAdmin.getLoggerContext(null);
        Map<String, LogLevel> levels = root.getLogLevels();
        if (!levels.containsKey(ONSET_LOGGERS)) {
            levels.put(ONSET_LOGGERS, LogLevel.INFO);
            root.setLogLevels(levels);
        }
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() throws IOException {
        reader.removeLogListener(this);
        file.close();
    }

    /** The log file this instance writes. */
    Path file() {
        return file.file();
    }

    static Path directory(Map<String, Object> config) {
        Object dir = config.get("directory");
        if (dir != null && !dir.toString().isBlank()) {
            return Path.of(dir.toString());
        }
        String home = System.getProperty(HOME_PROPERTY);
        Path base = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".onset");
        return base.resolve("logs");
    }

    private static long number(Map<String, Object> config, String key, long dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    }

    @Override
    public void logged(LogEntry entry) {
        try {
            file.append(format(entry));
        } catch (IOException | RuntimeException e) {
            // a log that cannot be written must not break whoever logged; say it once, on stderr
            if (!failed) {
                failed = true;
                System.err.println("onset: cannot write the log file " + file.file() + ": " + e);
            }
        }
    }

    static String format(LogEntry e) {
        StringBuilder b = new StringBuilder(160);
        b.append(TIME.format(Instant.ofEpochMilli(e.getTime()).atZone(ZoneId.systemDefault())
                .toOffsetDateTime().truncatedTo(ChronoUnit.MILLIS)));
        b.append(' ').append(String.format("%-5s", e.getLogLevel()));
        Bundle bundle = e.getBundle();
        b.append(' ').append(bundle == null ? "-" : bundle.getSymbolicName());
        if (e.getLoggerName() != null && !e.getLoggerName().isEmpty()) {
            b.append(" [").append(e.getLoggerName()).append(']');
        }
        b.append(' ').append(e.getMessage()).append('\n');
        Throwable t = e.getException();
        if (t != null) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            for (String line : trace.toString().split("\\R")) {
                b.append("    ").append(line).append('\n');
            }
        }
        return b.toString();
    }
}
