package org.onset.system;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Reports what is running, for `onset version` and the workbench's System part. */
@ProviderType
public interface SystemInfo {

    /** Version of Onset (the version of the org.onset.system bundle, without qualifier noise). */
    String onsetVersion();

    /** e.g. "17.0.15 (Debian, OpenJDK 64-Bit Server VM)". */
    String javaDescription();

    /** e.g. "Linux 6.1 amd64, 2 cores, 6 GiB max heap". */
    String machineDescription();

    /** Every installed bundle, sorted by symbolic name. */
    List<BundleSummary> bundles();

    /** Registered instrument drivers (services of the driver SPI), sorted by id. */
    List<DriverSummary> drivers();

    /** One installed bundle. */
    record BundleSummary(long id, String symbolicName, String version, String state) {
        public boolean isOnset() {
            return symbolicName.startsWith("org.onset.");
        }
    }

    /** One registered instrument. */
    record DriverSummary(String instrumentId, String name, String vendor, String model, boolean simulated,
            String bundle, String status) {
    }
}
