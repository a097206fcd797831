package org.onset.instrument.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs, updates and removes the driver bundles of p2 repositories (a folder, or a zip of one)
 * through the Equinox p2 engine, recording them in Onset's own p2 profile ({@value #PROFILE_ID}).
 * The profile is what says which drivers came from p2 repositories: at start the framework is
 * brought in line with it. Each bundle still passes the {@link DriverInstaller}'s checks; a refusal
 * leaves the framework, the installation area and the profile exactly as they were. Optional:
 * present when the p2 runtime is.
 *
 * @since 1.2
 */
@ProviderType
public interface RepositoryInstaller {

    /** The id of Onset's p2 profile of driver bundles. */
    String PROFILE_ID = "onset-drivers";

    /** A folder or a zip that holds a p2 repository (content and artifacts). */
    boolean isRepository(Path source);

    /** The p2 agent location: profile registry and bundle pool live below it. */
    Path agentLocation();

    /** The installable units of the profile: symbolic name to version, sorted by name. */
    Map<String, String> provisioned();

    /**
     * Installs every bundle of the repository, all or none.
     *
     * @return the bundles as installed, active, ordered by symbolic name
     * @throws DriverInstallException why the repository or one of its bundles was refused; nothing was changed
     */
    List<DriverBundle> install(Path repository) throws DriverInstallException;

    /**
     * Updates the installed bundles to the versions of the repository, all or none.
     *
     * @throws DriverInstallException why it was refused; every bundle is back at its previous version
     */
    List<DriverBundle> update(Path repository) throws DriverInstallException;

    /**
     * Removes a bundle that was installed from a p2 repository: from the framework, the installation
     * area and the profile.
     *
     * @return the bundle as it was before removal; empty when the profile does not hold it (then
     *         nothing was done: it may be a plain-jar install for {@link DriverInstaller#remove})
     * @throws DriverInstallException it could not be removed; nothing was changed
     */
    Optional<DriverBundle> remove(String symbolicName) throws DriverInstallException;
}
