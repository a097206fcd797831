package org.onset.instrument.install.p2.internal;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;

/** The profile's bundle pool: a simple p2 artifact repository holding the bundles of the profile. */
final class BundlePool {

    private BundlePool() {
    }

    static IArtifactRepository open(IArtifactRepositoryManager manager, Path folder) throws ProvisionException {
        var location = folder.toAbsolutePath().toUri();
        if (manager.contains(location) || folder.resolve("artifacts.xml").toFile().isFile()
                || folder.resolve("artifacts.jar").toFile().isFile()) {
            return manager.loadRepository(location, new NullProgressMonitor());
        }
        return manager.createRepository(location, "Onset driver bundle pool",
                IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
    }
}
