package org.onset.storage.hdf5.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The book-keeping attributes pyUSID writes on the groups and datasets it creates, so that USID
 * tools find them where they look: {@code timestamp}, {@code machine_id}, {@code platform} and
 * the writing software's version ({@code <package>_version}, here {@code onset_version}).
 * They describe the creation of the file; a resume does not change them.
 */
record Provenance(String timestamp, String machineId, String platform, String onsetVersion) {

    static final String TIMESTAMP = "timestamp";
    static final String MACHINE_ID = "machine_id";
    static final String PLATFORM = "platform";
    static final String ONSET_VERSION = "onset_version";

    /** pyUSID's format: local time, year_month_day-hour_minute_second. */
    static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("yyyy_MM_dd-HH_mm_ss");

    static Provenance now() {
        return new Provenance(LocalDateTime.now().format(TIMESTAMP_FORMAT), hostName(), platformName(),
                writerVersion());
    }

    /**
     * The host name. Read from the kernel first: resolving it through {@link InetAddress} can wait
     * for DNS on a machine without network, and creating a map file must not.
     */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask Java
        }
        String env = System.getenv("COMPUTERNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Like Python's platform.platform(): system-release-machine, plus the Java runtime. */
    private static String platformName() {
        return System.getProperty("os.name") + "-" + System.getProperty("os.version") + "-"
                + System.getProperty("os.arch") + " (Java " + System.getProperty("java.runtime.version",
                        System.getProperty("java.version")) + ")";
    }

    /** The version of the bundle that writes map files ("unknown" outside OSGi). */
    static String writerVersion() {
        try {
            Bundle b = FrameworkUtil.getBundle(Provenance.class);
            return b == null ? "unknown" : b.getVersion().toString();
        } catch (LinkageError e) {
            return "unknown"; // a plain class path without the OSGi framework (the crash test's child process)
        }
    }
}
