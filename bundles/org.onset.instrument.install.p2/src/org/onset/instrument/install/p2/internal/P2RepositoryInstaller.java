package org.onset.instrument.install.p2.internal;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IEngine;
import org.eclipse.equinox.p2.engine.IPhaseSet;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.IProvisioningPlan;
import org.eclipse.equinox.p2.engine.PhaseSetFactory;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.artifact.IFileArtifactRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.onset.instrument.install.DriverBundle;
import org.onset.instrument.install.DriverInstallException;
import org.onset.instrument.install.DriverInstaller;
import org.onset.instrument.install.RepositoryInstaller;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Driver bundles of p2 repositories through the Equinox p2 engine and Onset's own profile
 * {@value RepositoryInstaller#PROFILE_ID}, in a p2 agent location beside the driver installation
 * area ({@code $ONSET_HOME/p2}: profile registry under {@code org.eclipse.equinox.p2.engine}, bundle
 * pool under {@code pool}).
 * <p>
 * An operation runs in three steps, so that a refused bundle never reaches the profile:
 * <ol>
 * <li>the engine's Collect phase mirrors the units' bundles into the pool ({@link CollectIntoPool});</li>
 * <li>the {@link DriverInstaller} installs (or updates, all or none) the pooled bundle files, with
 * all its checks; a refusal undoes the framework side and drops what step 1 added to the pool;</li>
 * <li>the engine's Uninstall, Install and Property phases commit the units to the profile.</li>
 * </ol>
 * The profile is the record of what came from p2 repositories: at activation (start-up) every unit
 * in it that the framework lacks is installed again from the pool; a unit whose bundle runs at
 * another version (replaced by a plain jar since) leaves the profile.
 */
@Component(service = RepositoryInstaller.class, immediate = true)
public final class P2RepositoryInstaller implements RepositoryInstaller {

    static final String BUNDLE_CLASSIFIER = "osgi.bundle";
    /** Profile property of each unit installed as a driver bundle (the profile holds nothing else today). */
    static final String DRIVER_PROPERTY = "org.onset.driver";
    /** Committed states of the profile kept on disk (p2 would keep every one). */
    static final int KEPT_STATES = 5;

    private final DriverInstaller installer;
    private final Logger logger;
    private final Path agentLocation;
    private final Path poolLocation;
    private final IProvisioningAgent agent;
    private final IProfileRegistry profiles;
    private final IEngine engine;
    private final IMetadataRepositoryManager metadata;
    private final IArtifactRepositoryManager artifacts;

    @Activate
    public P2RepositoryInstaller(@Reference DriverInstaller installer, @Reference IProvisioningAgentProvider agents,
            @Reference(service = LoggerFactory.class) Logger logger) throws ProvisionException {
        this.installer = installer;
        this.logger = logger;
        this.agentLocation = installer.installationArea().resolveSibling("p2");
        this.poolLocation = agentLocation.resolve("pool");
        this.agent = agents.createAgent(agentLocation.toUri());
        this.profiles = agent.getService(IProfileRegistry.class);
        this.engine = agent.getService(IEngine.class);
        this.metadata = agent.getService(IMetadataRepositoryManager.class);
        this.artifacts = agent.getService(IArtifactRepositoryManager.class);
        if (profiles == null || engine == null || metadata == null || artifacts == null) {
            agent.stop();
            throw new IllegalStateException("the p2 runtime lacks the profile registry, the engine or the repository"
                    + " managers (are org.eclipse.equinox.p2.engine and the repository bundles installed?)");
        }
        reconcile();
    }

    @Deactivate
    void stop() {
        agent.stop();
    }

    @Override
    public Path agentLocation() {
        return agentLocation;
    }

    @Override
    public boolean isRepository(Path source) {
        return RepositoryFiles.isRepository(source);
    }

    @Override
    public synchronized Map<String, String> provisioned() {
        Map<String, String> units = new TreeMap<>();
        IProfile profile = profiles.getProfile(PROFILE_ID);
        if (profile != null) {
            for (IInstallableUnit u : profile.query(QueryUtil.createIUAnyQuery(), null)) {
                units.put(u.getId(), u.getVersion().toString());
            }
        }
        return units;
    }

    // ---------------------------------------------------------------- start-up

    private synchronized void reconcile() {
        IProfile profile = profiles.getProfile(PROFILE_ID);
        if (profile == null) {
            return;
        }
        IFileArtifactRepository pool;
        try {
            pool = pool();
        } catch (ProvisionException e) {
            logger.warn("the p2 bundle pool {} cannot be read; drivers of profile {} are not checked: {}", poolLocation,
                    PROFILE_ID, e.getMessage());
            return;
        }
        List<IInstallableUnit> replaced = new ArrayList<>();
        for (IInstallableUnit u : sorted(profile.query(QueryUtil.createIUAnyQuery(), null).toUnmodifiableSet())) {
            Optional<DriverBundle> running = installer.installed(u.getId());
            if (running.isPresent()) {
                if (!sameVersion(running.get(), u)) {
                    // a plain bundle jar replaced it since (onset drivers update JAR): the user's latest
                    // action wins, and the profile no longer claims the bundle came from p2
                    replaced.add(u);
                }
                continue;
            }
            // the installation area lost it (it is written only after a successful install): from the pool
            File file = bundleKey(u).map(pool::getArtifactFile).orElse(null);
            if (file == null || !file.isFile()) {
                logger.warn("driver bundle {} {} of p2 profile {} is missing from the bundle pool {}", u.getId(),
                        u.getVersion(), PROFILE_ID, poolLocation);
                continue;
            }
            try {
                DriverBundle b = installer.install(file.toPath());
                logger.info("driver bundle {} {} of p2 profile {} installed again from the bundle pool", b.symbolicName(),
                        b.version(), PROFILE_ID);
            } catch (DriverInstallException e) {
                logger.warn("driver bundle {} {} of p2 profile {} did not start: {}", u.getId(), u.getVersion(), PROFILE_ID,
                        e.getMessage());
            }
        }
        if (!replaced.isEmpty()) {
            try {
                IProvisioningPlan plan = engine.createPlan(profile, new ProvisioningContext(agent));
                replaced.forEach(plan::removeInstallableUnit);
                perform(plan, PhaseSetFactory.PHASE_UNINSTALL, PhaseSetFactory.PHASE_PROPERTY);
                drop(replaced.stream().flatMap(u -> bundleKey(u).stream()).toList());
                logger.info("driver bundles {} were replaced by plain bundle jars and left p2 profile {}",
                        replaced.stream().map(IInstallableUnit::getId).toList(), PROFILE_ID);
            } catch (DriverInstallException e) {
                logger.warn("p2 profile {} could not drop the replaced bundles {}: {}", PROFILE_ID, replaced, e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- install / update / remove

    @Override
    public synchronized List<DriverBundle> install(Path repository) throws DriverInstallException {
        Source source = load(repository);
        try {
            IProfile profile = profile();
            for (IInstallableUnit u : source.units()) {
                IInstallableUnit there = unit(profile, u.getId());
                if (there != null) {
                    throw new DriverInstallException(u.getId() + " " + there.getVersion()
                            + " is installed already from a p2 repository; onset drivers update " + repository + " replaces it");
                }
            }
            Collected collected = collect(profile, source);
            List<DriverBundle> done = new ArrayList<>();
            try {
                for (IInstallableUnit u : source.units()) {
                    done.add(installer.install(collected.files().get(u)));
                }
                commit(profile, source, List.of(), source.units());
            } catch (DriverInstallException e) {
                for (DriverBundle b : done) { // installed before the refused one
                    removeQuietly(b.symbolicName());
                }
                drop(collected.added());
                throw e;
            }
            logger.info("installed {} from the p2 repository {} into profile {}", names(done), repository, PROFILE_ID);
            return done;
        } finally {
            forget(source);
        }
    }

    @Override
    public synchronized List<DriverBundle> update(Path repository) throws DriverInstallException {
        Source source = load(repository);
        try {
            IProfile profile = profile();
            List<IInstallableUnit> previous = new ArrayList<>();
            for (IInstallableUnit u : source.units()) {
                IInstallableUnit there = unit(profile, u.getId());
                if (there == null && installer.installed(u.getId()).isEmpty()) {
                    throw new DriverInstallException("no driver bundle " + u.getId() + " is installed; onset drivers install "
                            + repository + " installs it");
                }
                if (there != null) {
                    previous.add(there);
                }
            }
            Collected collected = collect(profile, source);
            List<Path> jars = source.units().stream().map(collected.files()::get).toList();
            List<DriverBundle> done;
            try {
                done = installer.updateAll(jars); // all or none
            } catch (DriverInstallException e) {
                drop(collected.added());
                throw e;
            }
            try {
                commit(profile, source, previous, source.units());
            } catch (DriverInstallException e) {
                putBack(previous);
                drop(collected.added());
                throw e;
            }
            // the pool keeps only what the profile holds
            List<IArtifactKey> replaced = new ArrayList<>();
            for (IInstallableUnit old : previous) {
                if (!source.units().contains(old)) {
                    bundleKey(old).ifPresent(replaced::add);
                }
            }
            drop(replaced);
            logger.info("updated {} from the p2 repository {} in profile {}", names(done), repository, PROFILE_ID);
            return done;
        } finally {
            forget(source);
        }
    }

    @Override
    public synchronized Optional<DriverBundle> remove(String symbolicName) throws DriverInstallException {
        IProfile profile = profiles.getProfile(PROFILE_ID);
        IInstallableUnit u = profile == null ? null : unit(profile, symbolicName);
        if (u == null) {
            return Optional.empty();
        }
        Optional<DriverBundle> before = installer.installed(symbolicName);
        if (before.isPresent()) {
            installer.remove(symbolicName);
        }
        try {
            IProvisioningPlan plan = engine.createPlan(profile, new ProvisioningContext(agent));
            plan.removeInstallableUnit(u);
            perform(plan, PhaseSetFactory.PHASE_UNINSTALL, PhaseSetFactory.PHASE_PROPERTY);
        } catch (DriverInstallException e) {
            if (before.isPresent()) {
                putBack(List.of(u));
            }
            throw new DriverInstallException(symbolicName + " could not be removed from the p2 profile " + PROFILE_ID + ": "
                    + e.getMessage(), e);
        }
        bundleKey(u).ifPresent(k -> drop(List.of(k)));
        logger.info("removed driver bundle {} {} (p2 profile {})", symbolicName, u.getVersion(), PROFILE_ID);
        return Optional.of(before.orElseGet(() -> new DriverBundle(symbolicName, u.getVersion().toString(), "UNINSTALLED",
                false, Optional.empty(), List.of())));
    }

    // ---------------------------------------------------------------- the steps

    /** A loaded repository: its location and its bundle units, sorted by id. */
    private record Source(Path path, URI location, List<IInstallableUnit> units) {
    }

    /** The pooled bundle file of each unit, and the pool's artifacts this collect added. */
    private record Collected(Map<IInstallableUnit, Path> files, List<IArtifactKey> added) {
    }

    private Source load(Path repository) throws DriverInstallException {
        if (!isRepository(repository)) {
            throw new DriverInstallException("not a p2 repository (no content.jar, content.xml or content.xml.xz): "
                    + repository);
        }
        URI location = Files.isDirectory(repository) ? repository.toAbsolutePath().toUri()
                : URI.create("jar:" + repository.toAbsolutePath().toUri() + "!/");
        boolean knownMetadata = metadata.contains(location);
        boolean knownArtifacts = artifacts.contains(location);
        try {
            NullProgressMonitor monitor = new NullProgressMonitor();
            IMetadataRepository content = metadata.loadRepository(location, monitor);
            artifacts.loadRepository(location, monitor);
            List<IInstallableUnit> units = new ArrayList<>();
            for (IInstallableUnit u : sorted(content.query(QueryUtil.createIUAnyQuery(), monitor).toUnmodifiableSet())) {
                if (bundleKey(u).isPresent()) {
                    units.add(u);
                }
            }
            if (units.isEmpty()) {
                throw new DriverInstallException(repository + " is a p2 repository without bundles");
            }
            return new Source(repository, location, List.copyOf(units));
        } catch (ProvisionException e) {
            if (!knownMetadata) {
                metadata.removeRepository(location);
            }
            if (!knownArtifacts) {
                artifacts.removeRepository(location);
            }
            throw new DriverInstallException("not a readable p2 repository: " + repository + ": " + e.getMessage(), e);
        }
    }

    /** The repository managers remember every repository loaded; a driver source is used once. */
    private void forget(Source source) {
        metadata.removeRepository(source.location());
        artifacts.removeRepository(source.location());
    }

    private ProvisioningContext context(Source source) {
        ProvisioningContext context = new ProvisioningContext(agent);
        context.setMetadataRepositories(source.location());
        context.setArtifactRepositories(source.location());
        context.setProperty(ProvisioningContext.FOLLOW_REPOSITORY_REFERENCES, "false");
        return context;
    }

    private Collected collect(IProfile profile, Source source) throws DriverInstallException {
        IFileArtifactRepository pool;
        List<IArtifactKey> before = new ArrayList<>();
        try {
            pool = pool();
            for (IInstallableUnit u : source.units()) {
                IArtifactKey key = bundleKey(u).orElseThrow();
                if (pool.contains(key)) {
                    before.add(key);
                }
            }
        } catch (ProvisionException e) {
            throw new DriverInstallException("the p2 bundle pool " + poolLocation + " cannot be used: " + e.getMessage(), e);
        }
        IProvisioningPlan plan = engine.createPlan(profile, context(source));
        source.units().forEach(plan::addInstallableUnit);
        List<IArtifactKey> added = new ArrayList<>();
        try {
            perform(plan, PhaseSetFactory.PHASE_COLLECT);
        } catch (DriverInstallException e) {
            for (IInstallableUnit u : source.units()) {
                IArtifactKey key = bundleKey(u).orElseThrow();
                if (!before.contains(key) && pool.contains(key)) {
                    added.add(key);
                }
            }
            drop(added);
            throw new DriverInstallException("the bundles of " + source.path() + " could not be fetched: " + e.getMessage(), e);
        }
        Map<IInstallableUnit, Path> files = new LinkedHashMap<>();
        for (IInstallableUnit u : source.units()) {
            IArtifactKey key = bundleKey(u).orElseThrow();
            if (!before.contains(key)) {
                added.add(key);
            }
            File file = pool.getArtifactFile(key);
            if (file == null || !file.isFile()) {
                drop(added);
                throw new DriverInstallException(source.path() + " lists bundle " + key.getId() + " " + key.getVersion()
                        + " but the engine could not collect it");
            }
            files.put(u, file.toPath());
        }
        return new Collected(files, added);
    }

    /** Commits the units to the profile: the previous ones out, the new ones in, each marked as a driver. */
    private void commit(IProfile profile, Source source, List<IInstallableUnit> previous, List<IInstallableUnit> units)
            throws DriverInstallException {
        IProvisioningPlan plan = engine.createPlan(profile, context(source));
        for (IInstallableUnit old : previous) {
            if (!units.contains(old)) {
                plan.removeInstallableUnit(old);
            }
        }
        for (IInstallableUnit u : units) {
            if (!previous.contains(u)) {
                plan.addInstallableUnit(u);
            }
            plan.setInstallableUnitProfileProperty(u, DRIVER_PROPERTY, Boolean.TRUE.toString());
        }
        perform(plan, PhaseSetFactory.PHASE_UNINSTALL, PhaseSetFactory.PHASE_INSTALL, PhaseSetFactory.PHASE_PROPERTY);
    }

    /** p2 keeps every committed state of a profile; the last {@value #KEPT_STATES} are plenty for a driver list. */
    private void pruneHistory() {
        long[] states = profiles.listProfileTimestamps(PROFILE_ID);
        java.util.Arrays.sort(states);
        for (int i = 0; i < states.length - KEPT_STATES; i++) {
            try {
                profiles.removeProfile(PROFILE_ID, states[i]);
            } catch (ProvisionException e) {
                logger.debug("old state {} of p2 profile {} kept: {}", states[i], PROFILE_ID, e.getMessage());
            }
        }
    }

    private void perform(IProvisioningPlan plan, String... phases) throws DriverInstallException {
        IPhaseSet set = PhaseSetFactory.createPhaseSetIncluding(phases);
        IStatus status = engine.perform(plan, set, new NullProgressMonitor());
        if (status.matches(IStatus.ERROR | IStatus.CANCEL)) {
            throw new DriverInstallException("the p2 engine failed (" + String.join(", ", phases) + "): " + describe(status),
                    status.getException());
        }
        pruneHistory();
    }

    private static String describe(IStatus status) {
        StringBuilder s = new StringBuilder(status.getMessage());
        for (IStatus child : status.getChildren()) {
            if (child.matches(IStatus.ERROR)) {
                s.append("; ").append(describe(child));
            }
        }
        if (status.getException() != null && status.getChildren().length == 0) {
            s.append(" (").append(status.getException()).append(')');
        }
        return s.toString();
    }

    private IProfile profile() throws DriverInstallException {
        IProfile profile = profiles.getProfile(PROFILE_ID);
        if (profile != null) {
            return profile;
        }
        try {
            return profiles.addProfile(PROFILE_ID, Map.of(IProfile.PROP_NAME, "Onset driver bundles",
                    IProfile.PROP_CACHE, poolLocation.toString(), IProfile.PROP_INSTALL_FOLDER, agentLocation.toString()));
        } catch (ProvisionException e) {
            throw new DriverInstallException("the p2 profile " + PROFILE_ID + " cannot be created in " + agentLocation + ": "
                    + e.getMessage(), e);
        }
    }

    private IFileArtifactRepository pool() throws ProvisionException {
        IArtifactRepository pool = BundlePool.open(artifacts, poolLocation);
        if (!(pool instanceof IFileArtifactRepository files)) {
            throw new ProvisionException("the bundle pool " + poolLocation + " is not a file repository");
        }
        return files;
    }

    /** Removes artifacts from the pool (and their files). */
    private void drop(List<IArtifactKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            IFileArtifactRepository pool = pool();
            for (IArtifactKey key : keys) {
                pool.removeDescriptor(key, new NullProgressMonitor());
            }
        } catch (ProvisionException | RuntimeException e) {
            logger.warn("bundles {} could not be dropped from the p2 bundle pool {}: {}", keys, poolLocation, e.toString());
        }
    }

    /** After a failed profile commit: the framework back to the units the profile still holds. */
    private void putBack(List<IInstallableUnit> units) {
        try {
            IFileArtifactRepository pool = pool();
            for (IInstallableUnit u : units) {
                File file = bundleKey(u).map(pool::getArtifactFile).orElse(null);
                if (file == null) {
                    continue;
                }
                try {
                    if (installer.installed(u.getId()).isPresent()) {
                        installer.update(file.toPath());
                    } else {
                        installer.install(file.toPath());
                    }
                } catch (DriverInstallException e) {
                    logger.error("driver bundle {} {} could not be put back: {}", u.getId(), u.getVersion(), e.getMessage());
                }
            }
        } catch (ProvisionException e) {
            logger.error("the p2 bundle pool {} cannot be read to put drivers back: {}", poolLocation, e.getMessage());
        }
    }

    private void removeQuietly(String symbolicName) {
        try {
            installer.remove(symbolicName);
        } catch (DriverInstallException e) {
            logger.error("driver bundle {} could not be removed again after a refused repository: {}", symbolicName,
                    e.getMessage());
        }
    }

    private static IInstallableUnit unit(IProfile profile, String id) {
        var found = profile.query(QueryUtil.createIUQuery(id), null).toUnmodifiableSet();
        return found.isEmpty() ? null : found.iterator().next();
    }

    static Optional<IArtifactKey> bundleKey(IInstallableUnit u) {
        return u.getArtifacts().stream().filter(k -> BUNDLE_CLASSIFIER.equals(k.getClassifier())).findFirst();
    }

    private static boolean sameVersion(DriverBundle b, IInstallableUnit u) {
        try {
            return Version.parseVersion(b.version()).equals(Version.parseVersion(u.getVersion().toString()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<IInstallableUnit> sorted(java.util.Collection<IInstallableUnit> units) {
        List<IInstallableUnit> list = new ArrayList<>(units);
        list.sort(Comparator.comparing(IInstallableUnit::getId).thenComparing(IInstallableUnit::getVersion));
        return list;
    }

    private static String names(List<DriverBundle> bundles) {
        return String.join(", ", bundles.stream().map(b -> b.symbolicName() + " " + b.version()).toList());
    }
}
