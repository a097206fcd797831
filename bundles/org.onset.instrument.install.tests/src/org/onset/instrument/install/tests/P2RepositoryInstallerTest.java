package org.onset.instrument.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.metadata.MetadataFactory;
import org.eclipse.equinox.p2.metadata.MetadataFactory.InstallableUnitDescription;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.install.DriverBundle;
import org.onset.instrument.install.DriverInstallException;
import org.onset.instrument.install.DriverInstaller;
import org.onset.instrument.install.RepositoryInstaller;
import org.onset.instrument.install.tests.stub.StubDriver;
import org.onset.instrument.install.tests.stub.ThrowingComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Driver bundles from p2 repositories through the real Equinox p2 engine and Onset's profile
 * {@value RepositoryInstaller#PROFILE_ID}. The repositories are real p2 repositories (simple metadata
 * and artifact repositories, folder and zip) that the test writes through p2's own repository
 * managers, holding bundles the test builds byte by byte.
 */
class P2RepositoryInstallerTest {

    private static final String BSN_A = "org.example.p2driver.a";
    private static final String BSN_B = "org.example.p2driver.b";

    private final BundleContext context = FrameworkUtil.getBundle(P2RepositoryInstallerTest.class).getBundleContext();
    private DriverInstaller installer;
    private RepositoryInstaller repositories;
    private Path work;

    @BeforeEach
    void setUp() throws Exception {
        installer = service(DriverInstaller.class);
        repositories = service(RepositoryInstaller.class);
        work = Files.createTempDirectory("p2-install-test");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String bsn : List.of(BSN_A, BSN_B)) {
            try {
                if (repositories.remove(bsn).isEmpty()) {
                    installer.remove(bsn);
                }
            } catch (DriverInstallException notInstalled) {
                // the test removed it or never installed it
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        try {
            T s = t.waitForService(20_000);
            assertNotNull(s, "no " + type.getSimpleName() + " service");
            return s;
        } finally {
            t.close();
        }
    }

    // ------------------------------------------------------------- bundles and repositories

    private Path driverJar(String bsn, String version, String apiRange, Class<?> implementation) throws IOException {
        Path file = work.resolve(bsn + "-" + version + "-" + System.nanoTime() + ".jar");
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", "org.onset.instrument.api;version=\"" + apiRange + "\"");
        a.putValue("Service-Component", "OSGI-INF/driver.xml");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), m)) {
            for (Class<?> c : implementation == StubDriver.class ? List.<Class<?>>of(StubDriver.class)
                    : List.<Class<?>>of(StubDriver.class, implementation)) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
            }
            out.putNextEntry(new JarEntry("OSGI-INF/driver.xml"));
            out.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="%s.Driver"
                        immediate="true" activate="activate">
                      <implementation class="%s"/>
                      <property name="instrument.id" value="%s"/>
                      <service><provide interface="org.onset.instrument.api.InstrumentDriver"/></service>
                    </scr:component>
                    """.formatted(bsn, implementation.getName(), bsn + "-" + version).getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** A p2 repository (simple metadata + artifact repository) with one bundle unit per jar. */
    private Path repository(String name, Map<String, Path> jarsByBsn) throws Exception {
        Path dir = work.resolve(name);
        Files.createDirectories(dir);
        IProvisioningAgent agent = service(IProvisioningAgentProvider.class)
                .createAgent(work.resolve("agent-" + name).toUri());
        try {
            IMetadataRepositoryManager mm = agent.getService(IMetadataRepositoryManager.class);
            IArtifactRepositoryManager am = agent.getService(IArtifactRepositoryManager.class);
            IMetadataRepository content = mm.createRepository(dir.toUri(), name,
                    IMetadataRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
            IArtifactRepository store = am.createRepository(dir.toUri(), name,
                    IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
            List<IInstallableUnit> units = new ArrayList<>();
            for (Map.Entry<String, Path> e : jarsByBsn.entrySet()) {
                String version;
                try (var jar = new java.util.jar.JarFile(e.getValue().toFile())) {
                    version = jar.getManifest().getMainAttributes().getValue("Bundle-Version");
                }
                Version v = Version.create(version);
                IArtifactKey key = store.createArtifactKey("osgi.bundle", e.getKey(), v);
                IArtifactDescriptor descriptor = store.createArtifactDescriptor(key);
                try (OutputStream out = store.getOutputStream(descriptor)) {
                    Files.copy(e.getValue(), out);
                }
                InstallableUnitDescription d = new InstallableUnitDescription();
                d.setId(e.getKey());
                d.setVersion(v);
                d.setArtifacts(new IArtifactKey[] { key });
                d.setTouchpointType(MetadataFactory.createTouchpointType("org.eclipse.equinox.p2.osgi", Version.create("1.0.0")));
                d.setCapabilities(new IProvidedCapability[] {
                        MetadataFactory.createProvidedCapability(IInstallableUnit.NAMESPACE_IU_ID, e.getKey(), v),
                        MetadataFactory.createProvidedCapability("osgi.bundle", e.getKey(), v) });
                units.add(MetadataFactory.createInstallableUnit(d));
            }
            content.addInstallableUnits(units);
            mm.removeRepository(dir.toUri());
            am.removeRepository(dir.toUri());
        } finally {
            agent.stop();
        }
        return dir;
    }

    private Path zip(Path dir) throws IOException {
        Path zip = work.resolve(dir.getFileName() + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
            }
        }
        return zip;
    }

    /** Everything a refusal must leave as it was: list, installation area, profile and pool files. */
    private String snapshot() throws IOException {
        StringBuilder s = new StringBuilder(installer.driverBundles().toString()).append('\n')
                .append(repositories.provisioned());
        for (Path root : List.of(installer.installationArea(), repositories.agentLocation())) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path p : files.sorted().toList()) {
                        if (p.toString().contains(".lock") || p.toString().contains(".settings")) {
                            continue; // p2's lock files and repository-manager preferences
                        }
                        s.append('\n').append(root.relativize(p));
                        if (Files.isRegularFile(p)) {
                            s.append(' ').append(Files.size(p));
                        }
                    }
                }
            }
        }
        return s.toString();
    }

    private boolean driverRegistered(String instrumentId) throws Exception {
        return !context.getServiceReferences(InstrumentDriver.class, "(instrument.id=" + instrumentId + ")").isEmpty();
    }

    private Path profileFolder() {
        return repositories.agentLocation().resolve("org.eclipse.equinox.p2.engine").resolve("profileRegistry")
                .resolve(RepositoryInstaller.PROFILE_ID + ".profile");
    }

    // ------------------------------------------------------------- tests

    @Test
    void aRepositoryIsInstalledUpdatedAndRemovedThroughTheP2Profile() throws Exception {
        Path v1 = repository("drivers-1", Map.of(BSN_A, driverJar(BSN_A, "1.0.0", "[1.0,2)", StubDriver.class),
                BSN_B, driverJar(BSN_B, "1.0.0", "[1.0,2)", StubDriver.class)));
        long t0 = System.nanoTime();
        List<DriverBundle> installed = repositories.install(v1);
        long installMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of(BSN_A, BSN_B), installed.stream().map(DriverBundle::symbolicName).toList());
        installed.forEach(b -> assertEquals("ACTIVE", b.state(), b.toString()));
        assertTrue(driverRegistered(BSN_A + "-1.0.0") && driverRegistered(BSN_B + "-1.0.0"));
        assertEquals(Map.of(BSN_A, "1.0.0", BSN_B, "1.0.0"), repositories.provisioned());
        assertTrue(Files.isDirectory(profileFolder()), "the profile is kept in " + profileFolder());
        try (Stream<Path> pooled = Files.list(repositories.agentLocation().resolve("pool").resolve("plugins"))) {
            assertEquals(List.of(BSN_A + "_1.0.0.jar", BSN_B + "_1.0.0.jar"),
                    pooled.map(p -> p.getFileName().toString()).sorted().toList(), "the engine collected both bundles");
        }
        var again = assertThrows(DriverInstallException.class, () -> repositories.install(v1));
        assertTrue(again.getMessage().contains("installed already"), again.getMessage());

        Path v2 = repository("drivers-2", Map.of(BSN_A, driverJar(BSN_A, "2.0.0", "[1.0,2)", StubDriver.class),
                BSN_B, driverJar(BSN_B, "2.0.0", "[1.0,2)", StubDriver.class)));
        t0 = System.nanoTime();
        List<DriverBundle> updated = repositories.update(zip(v2));
        long updateMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of("2.0.0", "2.0.0"), updated.stream().map(DriverBundle::version).toList());
        assertEquals(Map.of(BSN_A, "2.0.0", BSN_B, "2.0.0"), repositories.provisioned());
        assertTrue(driverRegistered(BSN_A + "-2.0.0"));
        assertFalse(driverRegistered(BSN_A + "-1.0.0"));
        assertFalse(Files.exists(repositories.agentLocation().resolve("pool/plugins/" + BSN_A + "_1.0.0.jar")),
                "the pool keeps only what the profile holds");

        t0 = System.nanoTime();
        DriverBundle removed = repositories.remove(BSN_A).orElseThrow();
        long removeMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("2.0.0", removed.version());
        assertEquals(Map.of(BSN_B, "2.0.0"), repositories.provisioned());
        assertTrue(installer.installed(BSN_A).isEmpty());
        assertFalse(driverRegistered(BSN_A + "-2.0.0"));
        assertTrue(repositories.remove("org.example.not.from.p2").isEmpty(), "not in the profile: nothing done");
        System.out.printf("p2 engine: install of 2 bundles %d ms, update of 2 (zip) %d ms, remove of 1 %d ms%n", installMs,
                updateMs, removeMs);
    }

    @Test
    void aRefusedBundleLeavesFrameworkAreaProfileAndPoolAsTheyWere() throws Exception {
        repositories.install(repository("base", Map.of(BSN_A, driverJar(BSN_A, "1.0.0", "[1.0,2)", StubDriver.class))));
        String before = snapshot();

        // install: a good bundle and one whose driver API range this Onset does not provide
        Path incompatible = repository("incompatible", Map.of(BSN_B, driverJar(BSN_B, "1.0.0", "[7.0,8)", StubDriver.class)));
        var e = assertThrows(DriverInstallException.class, () -> repositories.install(incompatible));
        assertTrue(e.getMessage().contains("incompatible driver API"), e.getMessage());
        assertEquals(before, snapshot());

        // update, all or none: A's new version is fine, B is not installed -> refused before anything
        // changes; then A's new version whose component throws on activation -> A back at 1.0.0
        Path throwing = repository("throwing", Map.of(BSN_A, driverJar(BSN_A, "1.1.0", "[1.0,2)", ThrowingComponent.class)));
        e = assertThrows(DriverInstallException.class, () -> repositories.update(throwing));
        assertTrue(e.getMessage().contains("failed on activation"), e.getMessage());
        assertEquals(before, snapshot());
        assertTrue(driverRegistered(BSN_A + "-1.0.0"), "the previous version is back");

        Path notRepository = Files.createDirectories(work.resolve("empty"));
        e = assertThrows(DriverInstallException.class, () -> repositories.install(notRepository));
        assertTrue(e.getMessage().contains("not a p2 repository"), e.getMessage());
        assertEquals(before, snapshot());
    }

    @Test
    void atStartTheFrameworkIsBroughtInLineWithTheProfile() throws Exception {
        repositories.install(repository("start", Map.of(BSN_A, driverJar(BSN_A, "1.0.0", "[1.0,2)", StubDriver.class))));
        // the framework loses the bundle behind the profile's back (as when the installation area is wiped)
        installer.remove(BSN_A);
        assertTrue(installer.installed(BSN_A).isEmpty());
        assertEquals(Map.of(BSN_A, "1.0.0"), repositories.provisioned(), "the profile still holds it");

        restartP2Installer();

        DriverBundle back = installer.installed(BSN_A).orElseThrow(() -> new AssertionError("not reinstalled at start"));
        assertEquals("1.0.0", back.version());
        assertEquals("ACTIVE", back.state());
        assertTrue(driverRegistered(BSN_A + "-1.0.0"));

        // a plain bundle jar replaces it (onset drivers update JAR): at the next start the framework is
        // left alone and the profile no longer claims the bundle
        installer.update(driverJar(BSN_A, "1.1.0", "[1.0,2)", StubDriver.class));
        restartP2Installer();
        assertEquals("1.1.0", installer.installed(BSN_A).orElseThrow().version());
        assertEquals(Map.of(), repositories.provisioned());
        assertFalse(Files.exists(repositories.agentLocation().resolve("pool/plugins/" + BSN_A + "_1.0.0.jar")));
        try (Stream<Path> states = Files.list(profileFolder())) {
            long n = states.filter(p -> p.getFileName().toString().endsWith(".profile.gz")).count();
            assertTrue(n >= 1 && n <= 5, n + " profile states kept");
        }
    }

    /** A new activation of the p2 installer component, as at the next start of Onset. */
    private void restartP2Installer() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        ComponentDescriptionDTO d = scr.getComponentDescriptionDTOs().stream()
                .filter(c -> c.name.endsWith("P2RepositoryInstaller")).findFirst().orElseThrow();
        scr.disableComponent(d).getValue();
        scr.enableComponent(d).getValue();
        repositories = service(RepositoryInstaller.class);
    }
}
