package org.onset.instrument.install.p2.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.onset.instrument.install.DriverInstallException;
import org.onset.instrument.install.RepositoryReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * p2 repositories through the Equinox p2 runtime: the metadata repository manager lists the
 * installable units, the artifact repository manager copies their bundle artifacts. A private
 * provisioning agent in a temporary folder is used (not the product's profile, which a rebuild of
 * Onset replaces): the bundles then go through the {@code DriverInstaller} like any jar, so that what
 * was installed from a repository is kept in the same installation area and survives restarts.
 */
@Component(service = RepositoryReader.class)
public final class P2RepositoryReader implements RepositoryReader {

    private static final String BUNDLE_CLASSIFIER = "osgi.bundle";

    private final IProvisioningAgentProvider agents;

    @Activate
    public P2RepositoryReader(@Reference IProvisioningAgentProvider agents) {
        this.agents = agents;
    }

    @Override
    public boolean isRepository(Path source) {
        return RepositoryFiles.isRepository(source);
    }

    @Override
    public List<Path> bundles(Path repository, Path into) throws DriverInstallException {
        URI location = Files.isDirectory(repository) ? repository.toAbsolutePath().toUri()
                : URI.create("jar:" + repository.toAbsolutePath().toUri() + "!/");
        Path agentDir = null;
        IProvisioningAgent agent = null;
        List<Path> copied = new ArrayList<>();
        try {
            agentDir = Files.createTempDirectory("onset-p2-agent");
            agent = agents.createAgent(agentDir.toUri());
            IMetadataRepositoryManager metadata = agent.getService(IMetadataRepositoryManager.class);
            IArtifactRepositoryManager artifacts = agent.getService(IArtifactRepositoryManager.class);
            if (metadata == null || artifacts == null) {
                throw new DriverInstallException("the p2 runtime has no repository managers (are the p2 bundles started?)");
            }
            NullProgressMonitor monitor = new NullProgressMonitor();
            IMetadataRepository content = metadata.loadRepository(location, monitor);
            IArtifactRepository store = artifacts.loadRepository(location, monitor);
            List<IInstallableUnit> units = new ArrayList<>(content.query(QueryUtil.createIUAnyQuery(), monitor).toUnmodifiableSet());
            units.sort(Comparator.comparing(IInstallableUnit::getId).thenComparing(IInstallableUnit::getVersion));
            Files.createDirectories(into);
            for (IInstallableUnit unit : units) {
                for (IArtifactKey key : unit.getArtifacts()) {
                    if (!BUNDLE_CLASSIFIER.equals(key.getClassifier())) {
                        continue;
                    }
                    IArtifactDescriptor[] descriptors = store.getArtifactDescriptors(key);
                    if (descriptors.length == 0) {
                        throw new DriverInstallException(repository + " lists bundle " + key.getId() + " " + key.getVersion()
                                + " but does not hold it");
                    }
                    Path jar = into.resolve(key.getId() + "_" + key.getVersion() + ".jar");
                    IStatus status;
                    try (OutputStream out = Files.newOutputStream(jar)) {
                        status = store.getArtifact(descriptors[0], out, monitor);
                    }
                    if (!status.isOK() && status.getSeverity() == IStatus.ERROR) {
                        throw new DriverInstallException("cannot copy " + key.getId() + " " + key.getVersion() + " out of "
                                + repository + ": " + status.getMessage());
                    }
                    copied.add(jar);
                }
            }
            if (copied.isEmpty()) {
                throw new DriverInstallException(repository + " is a p2 repository without bundles");
            }
            return copied;
        } catch (ProvisionException e) {
            deleteAll(copied);
            throw new DriverInstallException("not a readable p2 repository: " + repository + ": " + e.getMessage(), e);
        } catch (IOException e) {
            deleteAll(copied);
            throw new DriverInstallException("cannot read " + repository + ": " + e.getMessage(), e);
        } catch (DriverInstallException e) {
            deleteAll(copied);
            throw e;
        } finally {
            if (agent != null) {
                agent.stop();
            }
            if (agentDir != null) {
                try (Stream<Path> files = Files.walk(agentDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder left behind
                }
            }
        }
    }

    private static void deleteAll(List<Path> files) {
        for (Path p : files) {
            p.toFile().delete();
        }
    }
}
