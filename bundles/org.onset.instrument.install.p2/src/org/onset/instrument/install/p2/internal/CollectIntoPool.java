package org.onset.instrument.install.p2.internal;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.spi.ProvisioningAction;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRequest;

/**
 * The Collect phase's action: asks for the unit's bundle artifacts to be mirrored into the
 * profile's bundle pool (the folder named by the profile property {@link IProfile#PROP_CACHE}, a
 * simple artifact repository). The engine's download manager then fetches them from the
 * repositories of the provisioning context, checking their checksums.
 */
public final class CollectIntoPool extends ProvisioningAction {

    // the parameter names the engine's phases hand to their actions
    private static final String PARM_AGENT = "agent";
    private static final String PARM_PROFILE = "profile";
    private static final String PARM_IU = "iu";
    private static final String PARM_ARTIFACT_REQUESTS = "artifactRequests";

    @Override
    public IStatus execute(Map<String, Object> parameters) {
        IProvisioningAgent agent = (IProvisioningAgent) parameters.get(PARM_AGENT);
        IProfile profile = (IProfile) parameters.get(PARM_PROFILE);
        IInstallableUnit unit = (IInstallableUnit) parameters.get(PARM_IU);
        IArtifactRepositoryManager manager = agent.getService(IArtifactRepositoryManager.class);
        IArtifactRepository pool;
        try {
            pool = BundlePool.open(manager, new File(profile.getProperty(IProfile.PROP_CACHE)).toPath());
        } catch (ProvisionException e) {
            return new Status(IStatus.ERROR, getClass().getName(), "the bundle pool cannot be opened: " + e.getMessage(), e);
        }
        List<IArtifactRequest> requests = new ArrayList<>();
        for (IArtifactKey key : unit.getArtifacts()) {
            if (!pool.contains(key)) {
                requests.add(manager.createMirrorRequest(key, pool, null, null));
            }
        }
        @SuppressWarnings("unchecked")
        List<IArtifactRequest[]> all = (List<IArtifactRequest[]>) parameters.get(PARM_ARTIFACT_REQUESTS);
        all.add(requests.toArray(IArtifactRequest[]::new));
        return Status.OK_STATUS;
    }

    @Override
    public IStatus undo(Map<String, Object> parameters) {
        // nothing was downloaded yet: the requests run when the phase completes
        return Status.OK_STATUS;
    }
}
