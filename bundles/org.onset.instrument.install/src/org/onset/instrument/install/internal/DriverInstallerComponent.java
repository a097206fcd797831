package org.onset.instrument.install.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.install.DriverBundle;
import org.onset.instrument.install.DriverInstallException;
import org.onset.instrument.install.DriverInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The installer: driver bundles are kept as {@code SYMBOLIC-NAME.jar} in the installation area and
 * installed into the framework under the location {@value #LOCATION_PREFIX}{@code SYMBOLIC-NAME}.
 * Activation reconciles the framework with the area (installs what is missing, updates what differs,
 * uninstalls what was removed), because the framework's own record of installed bundles does not
 * survive a rebuild of the product, and the product's simple configurator removes bundles it did
 * not install at each start. The component is immediate so that this happens at start-up.
 */
@Component(service = DriverInstaller.class, immediate = true)
public final class DriverInstallerComponent implements DriverInstaller {

    /** Framework property naming the installation area; default {@code $onset.home/drivers}. */
    static final String AREA_PROPERTY = "onset.drivers.dir";
    static final String LOCATION_PREFIX = "onset-driver:";
    static final String STAGING = ".staging";
    static final String API_PACKAGE = InstrumentDriver.class.getPackageName();
    /** How long the framework may take to refresh the wiring after an uninstall or update. */
    private static final long REFRESH_WAIT_S = 30;
    /** How long SCR may take to read the components of a bundle that just started. */
    private static final long COMPONENTS_WAIT_MS = 1500;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Logger logger;
    private final Path area;

    @Activate
    public DriverInstallerComponent(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.scr = scr;
        this.logger = logger;
        this.area = areaOf(context);
        try {
            // staging lives inside the area so that the final move is atomic; created once here so
            // that a refused bundle leaves the area's directory tree exactly as it was
            Files.createDirectories(area.resolve(STAGING));
        } catch (IOException e) {
            logger.warn("driver installation area {} cannot be created: {}", area, e.toString());
        }
        reconcile();
    }

    static Path areaOf(BundleContext context) {
        String dir = context.getProperty(AREA_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        String home = context.getProperty("onset.home");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".onset");
        return base.resolve("drivers").toAbsolutePath();
    }

    @Override
    public Path installationArea() {
        return area;
    }

    // ---------------------------------------------------------------- start-up

    private synchronized void reconcile() {
        List<Path> jars = areaJars();
        TreeSet<String> wanted = new TreeSet<>();
        for (Path jar : jars) {
            String bsn;
            Version version;
            try (JarFile j = new JarFile(jar.toFile())) {
                Manifest m = j.getManifest();
                bsn = ManifestHeaders.symbolicName(m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME));
                version = Version.parseVersion(m.getMainAttributes().getValue(Constants.BUNDLE_VERSION));
            } catch (IOException | RuntimeException e) {
                logger.warn("installed driver bundle {} cannot be read and is ignored: {}", jar, e.toString());
                continue;
            }
            wanted.add(bsn);
            try {
                Bundle b = context.getBundle(LOCATION_PREFIX + bsn);
                if (b == null) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        b = context.installBundle(LOCATION_PREFIX + bsn, in);
                    }
                } else if (!b.getVersion().equals(version)) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        b.update(in);
                    }
                }
                b.start();
            } catch (IOException | BundleException | RuntimeException e) {
                logger.warn("installed driver bundle {} ({}) did not start: {}", bsn, jar, e.getMessage());
            }
        }
        List<Bundle> stale = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)
                    && !wanted.contains(b.getLocation().substring(LOCATION_PREFIX.length()))) {
                stale.add(b);
            }
        }
        for (Bundle b : stale) {
            try {
                b.uninstall();
            } catch (BundleException e) {
                logger.warn("driver bundle {} removed from the installation area could not be uninstalled: {}",
                        b.getSymbolicName(), e.getMessage());
            }
        }
        if (!stale.isEmpty()) {
            refresh(stale);
        }
    }

    private List<Path> areaJars() {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(area)) {
            return jars;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(area, "*.jar")) {
            ds.forEach(jars::add);
        } catch (IOException e) {
            logger.warn("driver installation area {} cannot be read: {}", area, e.toString());
        }
        jars.sort(Comparator.naturalOrder());
        return jars;
    }

    // ---------------------------------------------------------------- listing

    @Override
    public synchronized List<DriverBundle> driverBundles() {
        List<DriverBundle> list = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean installed = b.getLocation().startsWith(LOCATION_PREFIX);
            List<String> drivers = drivers(b);
            if (installed || !drivers.isEmpty()) {
                list.add(describe(b, drivers));
            }
        }
        list.sort(Comparator.comparing(DriverBundle::symbolicName));
        return list;
    }

    @Override
    public synchronized Optional<DriverBundle> installed(String symbolicName) {
        Bundle b = context.getBundle(LOCATION_PREFIX + symbolicName);
        return b == null ? Optional.empty() : Optional.of(describe(b, drivers(b)));
    }

    private DriverBundle describe(Bundle b, List<String> drivers) {
        boolean installed = b.getLocation().startsWith(LOCATION_PREFIX);
        Optional<String> file = installed ? Optional.of(jarOf(b.getSymbolicName()).toString()) : Optional.empty();
        return new DriverBundle(b.getSymbolicName(), b.getVersion().toString(), stateName(b.getState()), !installed,
                file, drivers);
    }

    /** Its DS components that provide InstrumentDriver: factory PID (or component name), sorted. */
    private List<String> drivers(Bundle b) {
        TreeSet<String> names = new TreeSet<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (d.serviceInterfaces != null && Arrays.asList(d.serviceInterfaces).contains(InstrumentDriver.class.getName())) {
                names.add(d.configurationPid != null && d.configurationPid.length > 0 ? d.configurationPid[0] : d.name);
            }
        }
        return List.copyOf(names);
    }

    private static String stateName(int state) {
        return switch (state) {
        case Bundle.INSTALLED -> "INSTALLED";
        case Bundle.RESOLVED -> "RESOLVED";
        case Bundle.STARTING -> "STARTING";
        case Bundle.STOPPING -> "STOPPING";
        case Bundle.ACTIVE -> "ACTIVE";
        default -> "UNINSTALLED";
        };
    }

    private Path jarOf(String symbolicName) {
        return area.resolve(symbolicName + ".jar");
    }

    // ---------------------------------------------------------------- install / update / remove

    /** What the installer reads from a candidate jar before the framework sees it. */
    private record Candidate(Path staged, String symbolicName, Version version) {
    }

    @Override
    public synchronized DriverBundle install(Path source) throws DriverInstallException {
        Candidate c = stage(source);
        try {
            for (Bundle b : context.getBundles()) {
                if (c.symbolicName().equals(b.getSymbolicName())) {
                    throw new DriverInstallException(b.getLocation().startsWith(LOCATION_PREFIX)
                            ? c.symbolicName() + " " + b.getVersion() + " is installed already; onset drivers update "
                                    + source + " replaces it"
                            : c.symbolicName() + " is part of Onset (version " + b.getVersion()
                                    + "); a bundle of the same name cannot be installed beside it");
                }
            }
            Bundle b;
            try (InputStream in = Files.newInputStream(c.staged())) {
                b = context.installBundle(LOCATION_PREFIX + c.symbolicName(), in);
            } catch (BundleException | IOException e) {
                throw new DriverInstallException(source + " was refused by the framework: " + e.getMessage(), e);
            }
            try {
                startAsDriver(b, source);
            } catch (DriverInstallException e) {
                uninstallQuietly(b);
                throw e;
            }
            moveIntoArea(c, b);
            logger.info("installed driver bundle {} {} from {}", c.symbolicName(), c.version(), source);
            return describe(b, drivers(b));
        } finally {
            deleteQuietly(c.staged());
        }
    }

    @Override
    public synchronized DriverBundle update(Path source) throws DriverInstallException {
        Candidate c = stage(source);
        try {
            Bundle b = context.getBundle(LOCATION_PREFIX + c.symbolicName());
            if (b == null) {
                throw new DriverInstallException(notInstalled(c.symbolicName()) + "; onset drivers install " + source
                        + " installs it");
            }
            Path current = jarOf(c.symbolicName());
            Version previous = b.getVersion();
            try {
                b.stop();
                try (InputStream in = Files.newInputStream(c.staged())) {
                    b.update(in);
                }
                refresh(List.of(b));
                startAsDriver(b, source);
            } catch (DriverInstallException | BundleException | IOException e) {
                restore(b, current, previous);
                String why = e instanceof DriverInstallException ? e.getMessage()
                        : source + " was refused by the framework: " + e.getMessage();
                throw new DriverInstallException(why + " (" + c.symbolicName() + " " + previous + " is back)", e);
            }
            moveIntoArea(c, b);
            logger.info("updated driver bundle {} from {} to {} ({})", c.symbolicName(), previous, c.version(), source);
            return describe(b, drivers(b));
        } finally {
            deleteQuietly(c.staged());
        }
    }

    @Override
    public synchronized List<DriverBundle> updateAll(List<Path> sources) throws DriverInstallException {
        List<DriverBundle> updated = new ArrayList<>();
        Path previous = null;
        try {
            // the area's current jars are what an undo needs: each update replaces its bundle's jar
            previous = Files.createTempDirectory(area.resolve(STAGING), "previous-");
            for (Path source : sources) {
                String bsn = symbolicNameOrNull(source);
                if (bsn != null && Files.isRegularFile(jarOf(bsn)) && !Files.exists(previous.resolve(bsn + ".jar"))) {
                    Files.copy(jarOf(bsn), previous.resolve(bsn + ".jar"));
                }
                try {
                    updated.add(update(source));
                } catch (DriverInstallException e) {
                    List<String> back = undo(updated, previous);
                    throw new DriverInstallException(back.isEmpty() ? e.getMessage()
                            : e.getMessage() + "; updated before it and put back: " + String.join(", ", back), e);
                }
            }
            return updated;
        } catch (IOException e) {
            List<String> back = undo(updated, previous);
            throw new DriverInstallException("cannot keep the previous driver bundles in " + area + ": " + e.getMessage()
                    + (back.isEmpty() ? "" : "; put back: " + String.join(", ", back)), e);
        } finally {
            if (previous != null) {
                try (var files = Files.walk(previous)) {
                    files.sorted(Comparator.reverseOrder()).forEach(DriverInstallerComponent::deleteQuietly);
                } catch (IOException ignored) {
                    // a folder left in staging is harmless
                }
            }
        }
    }

    /** Puts the bundles updated so far back to their previous jars, last first; names what was put back. */
    private List<String> undo(List<DriverBundle> updated, Path previous) {
        List<String> back = new ArrayList<>();
        for (int i = updated.size() - 1; i >= 0; i--) {
            String bsn = updated.get(i).symbolicName();
            Path jar = previous == null ? null : previous.resolve(bsn + ".jar");
            if (jar == null || !Files.isRegularFile(jar)) {
                continue;
            }
            try {
                DriverBundle b = update(jar);
                back.add(bsn + " " + b.version());
            } catch (DriverInstallException e) {
                logger.error("driver bundle {} could not be put back after a refused update of several bundles: {}", bsn,
                        e.getMessage());
            }
        }
        return back;
    }

    private static String symbolicNameOrNull(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            return m == null ? null : ManifestHeaders.symbolicName(m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME));
        } catch (IOException | RuntimeException e) {
            return null; // update() says why it is not a bundle
        }
    }

    @Override
    public synchronized DriverBundle remove(String symbolicName) throws DriverInstallException {
        Bundle b = context.getBundle(LOCATION_PREFIX + symbolicName);
        if (b == null) {
            throw new DriverInstallException(notInstalled(symbolicName));
        }
        DriverBundle before = describe(b, drivers(b));
        try {
            b.uninstall();
        } catch (BundleException e) {
            throw new DriverInstallException(symbolicName + " could not be uninstalled: " + e.getMessage(), e);
        }
        refresh(List.of(b));
        deleteQuietly(jarOf(symbolicName));
        logger.info("removed driver bundle {} {}", symbolicName, before.version());
        return before;
    }

    private String notInstalled(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return symbolicName + " is part of Onset, not an installed driver bundle";
            }
        }
        return "no driver bundle " + symbolicName + " is installed (onset drivers list --bundles shows them)";
    }

    /**
     * Copies the source into the area's staging directory (so the bytes the framework gets are the
     * ones checked, and the source may change afterwards) and checks it is a driver bundle this
     * Onset can run.
     */
    private Candidate stage(Path source) throws DriverInstallException {
        if (!Files.isRegularFile(source)) {
            throw new DriverInstallException(source + ": no such file");
        }
        Path staging = area.resolve(STAGING);
        Path staged;
        try {
            Files.createDirectories(staging);
            staged = Files.createTempFile(staging, "driver-", ".jar");
            Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DriverInstallException("cannot copy " + source + " into the installation area " + area + ": "
                    + e.getMessage(), e);
        }
        try {
            return check(source, staged);
        } catch (DriverInstallException | RuntimeException e) {
            deleteQuietly(staged);
            throw e;
        }
    }

    private Candidate check(Path source, Path staged) throws DriverInstallException {
        Manifest manifest;
        try (JarFile jar = new JarFile(staged.toFile())) {
            manifest = jar.getManifest();
        } catch (ZipException e) {
            throw new DriverInstallException("not a bundle: " + source + " is not a jar (zip) file");
        } catch (IOException e) {
            throw new DriverInstallException("not a bundle: " + source + " cannot be read: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new DriverInstallException("not a bundle: " + source + " has no META-INF/MANIFEST.MF");
        }
        Attributes main = manifest.getMainAttributes();
        String bsn = ManifestHeaders.symbolicName(main.getValue(Constants.BUNDLE_SYMBOLICNAME));
        if (bsn == null || !"2".equals(trim(main.getValue(Constants.BUNDLE_MANIFESTVERSION)))) {
            throw new DriverInstallException("not a bundle: the manifest of " + source
                    + " has no Bundle-SymbolicName or no Bundle-ManifestVersion: 2");
        }
        Version version;
        try {
            version = Version.parseVersion(trim(main.getValue(Constants.BUNDLE_VERSION)));
        } catch (IllegalArgumentException e) {
            throw new DriverInstallException(bsn + ": Bundle-Version is not a version: " + e.getMessage());
        }
        ManifestHeaders.Clause api = null;
        for (ManifestHeaders.Clause clause : ManifestHeaders.parse(main.getValue(Constants.IMPORT_PACKAGE))) {
            if (clause.paths().contains(API_PACKAGE)) {
                api = clause;
            }
        }
        if (api == null) {
            throw new DriverInstallException("not a driver bundle: " + bsn + " does not import the driver API package "
                    + API_PACKAGE);
        }
        String range = api.attributes().getOrDefault(Constants.VERSION_ATTRIBUTE, "0.0.0");
        Version provided = providedApiVersion();
        VersionRange wanted;
        try {
            wanted = VersionRange.valueOf(range);
        } catch (IllegalArgumentException e) {
            throw new DriverInstallException(bsn + " imports " + API_PACKAGE + " with a version range that is not one: "
                    + range);
        }
        if (!wanted.includes(provided)) {
            throw new DriverInstallException("incompatible driver API: " + bsn + " " + version + " needs " + API_PACKAGE
                    + " " + wanted + ", this Onset provides " + provided);
        }
        return new Candidate(staged, bsn, version);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** The version of the driver API package this framework runs (the one this bundle is wired to). */
    private Version providedApiVersion() {
        Bundle api = FrameworkUtil.getBundle(InstrumentDriver.class);
        for (BundleCapability cap : api.adapt(BundleWiring.class).getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (API_PACKAGE.equals(cap.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return (Version) cap.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
            }
        }
        throw new IllegalStateException(API_PACKAGE + " is not exported by " + api.getSymbolicName());
    }

    /**
     * Starts the bundle (resolving it, running its activator) and checks that it declares at least
     * one driver component.
     */
    private void startAsDriver(Bundle b, Path source) throws DriverInstallException {
        try {
            b.start();
        } catch (BundleException e) {
            if (e.getType() == BundleException.RESOLVE_ERROR) {
                throw new DriverInstallException("unresolvable: " + oneLine(e.getMessage()), e);
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DriverInstallException("the activation of " + b.getSymbolicName() + " " + b.getVersion()
                    + " failed: " + cause, e);
        } catch (IllegalStateException e) {
            throw new DriverInstallException(source + " was refused by the framework: " + e.getMessage(), e);
        }
        long end = System.currentTimeMillis() + COMPONENTS_WAIT_MS;
        while (drivers(b).isEmpty() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (drivers(b).isEmpty()) {
            throw new DriverInstallException("not a driver bundle: " + b.getSymbolicName()
                    + " declares no DS component that provides " + InstrumentDriver.class.getName());
        }
        checkComponentsActivate(b);
    }

    /**
     * A bundle activator that throws fails {@code start()}, but a DS component whose activate method
     * throws does not: SCR only records FAILED_ACTIVATION and the driver silently never appears. So
     * every driver component configuration that exists now is activated (an immediate one by SCR
     * itself, a delayed one by getting its service once) and a failure refuses the bundle. A factory
     * driver without configurations has nothing to activate yet: its activation is checked when a
     * lab adds a configuration.
     */
    private void checkComponentsActivate(Bundle b) throws DriverInstallException {
        long end = System.currentTimeMillis() + COMPONENTS_WAIT_MS;
        while (true) {
            boolean settled = true;
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                if (d.serviceInterfaces == null
                        || !Arrays.asList(d.serviceInterfaces).contains(InstrumentDriver.class.getName())) {
                    continue;
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    boolean tried = false;
                    if (c.state == ComponentConfigurationDTO.SATISFIED) {
                        activateOnce(b, c);
                        c = refreshed(d, c);
                        tried = true; // back to SATISFIED after the unget is a success
                    }
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        throw new DriverInstallException("the driver component " + d.name + " of " + b.getSymbolicName()
                                + " " + b.getVersion() + " failed on activation: " + firstLine(c.failure));
                    }
                    if (!tried && c.state != ComponentConfigurationDTO.ACTIVE) {
                        settled = false;
                    }
                }
            }
            if (settled || System.currentTimeMillis() >= end) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Gets and ungets the service of a delayed component configuration, which makes SCR activate it. */
    private void activateOnce(Bundle b, ComponentConfigurationDTO c) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(InstrumentDriver.class.getName(),
                    "(" + ComponentConstants.COMPONENT_ID + "=" + c.id + ")");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                if (ref.getBundle() != null && ref.getBundle().getBundleId() == b.getBundleId()) {
                    try {
                        context.getService(ref);
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        } catch (InvalidSyntaxException | RuntimeException e) {
            logger.debug("activating {} of {} to check it: {}", c.description.name, b.getSymbolicName(), e.toString());
        }
    }

    private ComponentConfigurationDTO refreshed(ComponentDescriptionDTO d, ComponentConfigurationDTO c) {
        for (ComponentConfigurationDTO now : scr.getComponentConfigurationDTOs(d)) {
            if (now.id == c.id) {
                return now;
            }
        }
        return c;
    }

    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "(SCR gave no reason)";
        }
        String[] lines = failure.strip().split("\\R");
        // SCR's text starts with the exception; a "Caused by" line names the driver's own exception
        for (String line : lines) {
            if (line.startsWith("Caused by: ")) {
                return line.substring("Caused by: ".length()).trim();
            }
        }
        return lines[0].trim();
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\n\\s*", "; ").replaceAll(";\\s*$", "").trim();
    }

    /** After a failed update: the previous jar back into the bundle, started again. */
    private void restore(Bundle b, Path previousJar, Version previous) {
        try {
            if (b.getState() == Bundle.UNINSTALLED) {
                return;
            }
            try {
                b.stop();
            } catch (BundleException | IllegalStateException ignored) {
                // it may not have started
            }
            try (InputStream in = Files.newInputStream(previousJar)) {
                b.update(in);
            }
            refresh(List.of(b));
            b.start();
        } catch (BundleException | IOException | RuntimeException e) {
            logger.error("driver bundle {} could not be put back to version {} after a refused update: {}",
                    b.getSymbolicName(), previous, e.toString());
        }
    }

    private void moveIntoArea(Candidate c, Bundle b) throws DriverInstallException {
        try {
            Files.createDirectories(area);
            Files.move(c.staged(), jarOf(c.symbolicName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // without the jar in the area the next start would not have it: undo
            uninstallQuietly(b);
            throw new DriverInstallException("cannot write " + jarOf(c.symbolicName()) + ": " + e.getMessage(), e);
        }
    }

    private void uninstallQuietly(Bundle b) {
        try {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        } catch (BundleException | IllegalStateException e) {
            logger.warn("refused driver bundle {} could not be uninstalled: {}", b.getSymbolicName(), e.toString());
        }
        refresh(List.of(b));
    }

    /** Refreshes the wiring of these bundles (and their dependants) and waits until it is done. */
    private void refresh(List<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class)
                .refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(REFRESH_WAIT_S, TimeUnit.SECONDS)) {
                logger.warn("the framework did not finish refreshing {} within {} s", bundles, REFRESH_WAIT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a staging file left behind is harmless: staging is not read at start-up
        }
    }
}
