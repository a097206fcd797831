package org.onset.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.ServiceTracker;

/** The log file as the product uses it: entries logged through the OSGi LoggerFactory end up in it. */
class LogFileTest {

    /** ISO time with offset, level, bundle, logger, message. */
    private static final Pattern LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?([+-]\\d\\d:\\d\\d|Z) (INFO |WARN ) \\S+ \\[[^\\]]+\\] .*");

    private final BundleContext context = FrameworkUtil.getBundle(LogFileTest.class).getBundleContext();
    private ServiceTracker<LoggerFactory, LoggerFactory> loggers;
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmin;
    private Configuration config;

    @BeforeEach
    void services() throws InterruptedException {
        loggers = new ServiceTracker<>(context, LoggerFactory.class, null);
        loggers.open();
        configAdmin = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configAdmin.open();
        assertNotNull(loggers.waitForService(5000), "the framework's LoggerFactory");
        assertNotNull(configAdmin.waitForService(5000), "Config Admin");
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (config != null) {
            config.delete();
        }
        loggers.close();
        configAdmin.close();
    }

    private Logger logger() {
        return loggers.getService().getLogger("org.onset.logging.test");
    }

    @Test
    void defaultFileIsUnderOnsetHome() throws Exception {
        String home = System.getProperty(LogFileWriter.HOME_PROPERTY);
        assertNotNull(home, "the test runtime sets onset.home (root pom) so tests never write into ~/.onset");
        Path file = Path.of(home, "logs", LogFileWriter.FILE_NAME);
        String marker = "default location " + System.nanoTime();
        // a test before this one may just have deleted its configuration: until the component is
        // re-created on the default file, entries still go to that test's file, so the marker is
        // logged again until it arrives (seen under load in a full suite)
        long deadline = System.currentTimeMillis() + 30_000;
        while (!contains(file, marker)) {
            if (System.currentTimeMillis() > deadline) {
                fail("no line with '" + marker + "' in " + file + " within 30 s");
            }
            logger().info("{}", marker);
            Thread.sleep(200);
        }
    }

    @Test
    void linesHaveTimeLevelBundleAndException(@TempDir Path dir) throws Exception {
        configure(dir, 1 << 20, 3);
        Path file = dir.resolve(LogFileWriter.FILE_NAME);
        logger().warn("instrument '{}' faulted: {}", "sim-7", "simulated link loss", new IOException("link lost"));
        waitFor(() -> contains(file, "link lost"), "the warning in " + file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String line = lines.stream().filter(l -> l.contains("instrument 'sim-7' faulted")).findFirst()
                .orElseThrow(() -> new AssertionError("no entry in " + lines));
        assertTrue(LINE.matcher(line).matches(), "line format: " + line);
        assertTrue(line.contains(" WARN  org.onset.logging [org.onset.logging.test] "), "level, bundle (the fragment's host), logger: " + line);
        assertTrue(line.endsWith("instrument 'sim-7' faulted: simulated link loss"), line);
        int at = lines.indexOf(line);
        assertEquals("    java.io.IOException: link lost", lines.get(at + 1), "the exception follows, indented");
        assertTrue(lines.get(at + 2).startsWith("    \tat "), "then its stack trace: " + lines.get(at + 2));
    }

    @Test
    void rotatesAtTheSizeAndKeepsN(@TempDir Path dir) throws Exception {
        configure(dir, 2000, 2);
        Path file = dir.resolve(LogFileWriter.FILE_NAME);
        for (int k = 0; k < 100; k++) {
            logger().info("rotation test entry {} {}", k, "x".repeat(60));
        }
        waitFor(() -> contains(file, "rotation test entry 99 "), "the last entry in " + file);
        assertTrue(Files.exists(dir.resolve("onset.log.1")), "rotated once");
        assertTrue(Files.exists(dir.resolve("onset.log.2")), "rotated twice");
        assertFalse(Files.exists(dir.resolve("onset.log.3")), "keeps 2 old files");
        for (String name : List.of("onset.log", "onset.log.1", "onset.log.2")) {
            long size = Files.size(dir.resolve(name));
            assertTrue(size <= 2000, name + " is " + size + " bytes, limit 2000");
        }
        // nothing lost within the kept files: the newest entries are contiguous
        String all = Files.readString(dir.resolve("onset.log.2")) + Files.readString(dir.resolve("onset.log.1"))
                + Files.readString(file);
        assertTrue(all.contains("rotation test entry 98 ") && all.contains("rotation test entry 90 "), all);
    }

    private void configure(Path dir, long maxBytes, int keep) throws Exception {
        config = configAdmin.getService().getConfiguration(LogFileWriter.PID, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("directory", dir.toString());
        p.put("maxBytes", maxBytes);
        p.put("keep", keep);
        config.update(p);
        // the component is re-created with the new configuration; until then entries go to the old file
        Path file = dir.resolve(LogFileWriter.FILE_NAME);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.exists(file)) {
            logger().info("probe {}", dir);
            if (System.currentTimeMillis() > deadline) {
                fail("the log writer did not move to " + dir);
            }
            Thread.sleep(50);
        }
        // let the probes drain so that they do not count towards the test's own entries
        Thread.sleep(200);
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
