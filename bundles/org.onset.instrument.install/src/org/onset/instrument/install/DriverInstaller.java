package org.onset.instrument.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs, updates and removes driver bundles in the running framework. Every operation either
 * completes or changes nothing: a refused bundle is uninstalled again (or the previous version put
 * back) before the exception is thrown, and the installation area is written only after the bundle
 * started.
 */
@ProviderType
public interface DriverInstaller {

    /** The directory holding the installed driver bundles (one jar per bundle symbolic name). */
    Path installationArea();

    /**
     * Every bundle that provides instrument drivers: Onset's own (built in) and the installed ones,
     * ordered by symbolic name. Installed bundles that provide no driver component are listed too.
     */
    List<DriverBundle> driverBundles();

    /** The installed (not built-in) bundle of that symbolic name. */
    Optional<DriverBundle> installed(String symbolicName);

    /**
     * Installs and starts a driver bundle that is not installed yet.
     *
     * @param source a bundle jar
     * @return the bundle as installed, active
     * @throws DriverInstallException why it was refused; nothing was changed
     */
    DriverBundle install(Path source) throws DriverInstallException;

    /**
     * Replaces an installed driver bundle by another version of it (same symbolic name).
     *
     * @throws DriverInstallException why it was refused; the previous version is installed and started again
     */
    DriverBundle update(Path source) throws DriverInstallException;

    /**
     * Updates several installed driver bundles together, such as the bundles of one p2 repository:
     * all of them or none.
     *
     * @return the bundles as updated, in the order of the sources
     * @throws DriverInstallException why one was refused; every bundle is back at the version it had
     *                                before the call, including those updated before the refused one
     * @since 1.1
     */
    List<DriverBundle> updateAll(List<Path> sources) throws DriverInstallException;

    /**
     * Stops and uninstalls an installed driver bundle and deletes it from the installation area.
     * Built-in bundles are refused.
     *
     * @return the bundle as it was before removal
     * @throws DriverInstallException not an installed driver bundle; nothing was changed
     */
    DriverBundle remove(String symbolicName) throws DriverInstallException;
}
