package org.onset.instrument.install;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads driver bundles out of a p2 repository (a folder, or a zip of one) so that the
 * {@link DriverInstaller} can install them. Optional: present when the p2 runtime is.
 */
@ProviderType
public interface RepositoryReader {

    /** A folder or a zip that holds a p2 repository (content and artifacts). */
    boolean isRepository(Path source);

    /**
     * Copies the bundles of the repository's installable units into {@code into} as jars.
     *
     * @return the jars, one per bundle, in the order the repository lists them
     * @throws DriverInstallException the repository cannot be read, or holds no bundle; nothing was copied
     */
    List<Path> bundles(Path repository, Path into) throws DriverInstallException;
}
