package org.onset.instrument.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.install.DriverBundle;
import org.onset.instrument.install.DriverInstallException;
import org.onset.instrument.install.DriverInstaller;
import org.onset.instrument.install.tests.stub.StubDriver;
import org.onset.instrument.install.tests.stub.ThrowingActivator;
import org.onset.instrument.install.tests.stub.ThrowingComponent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The installer in the running test framework, with driver bundles the test builds byte by byte:
 * a good one (a DS component providing InstrumentDriver) and every kind of bad one. Each refusal must
 * say why and leave the driver-bundle list and the installation area exactly as before.
 */
class DriverInstallerTest {

    private static final String BSN = "org.example.stubdriver";
    /** The second bundle of a two-bundle "repository" for the all-or-none update. */
    private static final String BSN2 = "org.example.stubdriver.two";

    private BundleContext context = FrameworkUtil.getBundle(DriverInstallerTest.class).getBundleContext();
    private DriverInstaller installer;
    private Path work;

    @BeforeEach
    void setUp() throws Exception {
        ServiceTracker<DriverInstaller, DriverInstaller> t = new ServiceTracker<>(context, DriverInstaller.class, null);
        t.open();
        installer = t.waitForService(10_000);
        t.close();
        assertNotNull(installer, "no DriverInstaller service");
        work = Files.createTempDirectory("driver-install-test");
    }

    @AfterEach
    void tearDown() {
        for (String bsn : List.of(BSN, BSN2)) {
            try {
                installer.remove(bsn);
            } catch (DriverInstallException notInstalled) {
                // the test removed it or never installed it
            }
        }
    }

    // ------------------------------------------------------------- bundles built by the test

    /** A bundle jar: manifest headers, class files copied from this fragment, extra text entries. */
    private Path jar(String name, Map<String, String> headers, List<Class<?>> classes, Map<String, String> entries)
            throws IOException {
        Path file = work.resolve(name);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), m)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
            }
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static Map<String, String> driverHeaders(String version, String apiRange) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Bundle-ManifestVersion", "2");
        h.put("Bundle-SymbolicName", BSN);
        h.put("Bundle-Version", version);
        h.put("Import-Package", "org.onset.instrument.api;version=\"" + apiRange + "\"");
        h.put("Service-Component", "OSGI-INF/stub.xml");
        return h;
    }

    private static Map<String, String> component(String instrumentId) {
        return component(instrumentId, StubDriver.class, true);
    }

    private static Map<String, String> component(String instrumentId, Class<?> implementation, boolean immediate) {
        return Map.of("OSGI-INF/stub.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.4.0" name="org.example.stubdriver.Driver"
                    immediate="%s" activate="activate">
                  <implementation class="%s"/>
                  <property name="instrument.id" value="%s"/>
                  <service><provide interface="org.onset.instrument.api.InstrumentDriver"/></service>
                </scr:component>
                """.formatted(immediate, implementation.getName(), instrumentId));
    }

    private Path goodDriver(String version, String instrumentId) throws IOException {
        return jar("good-" + version + ".jar", driverHeaders(version, "[1.0,2)"), List.of(StubDriver.class),
                component(instrumentId));
    }

    private ServiceReference<InstrumentDriver> driverService(String instrumentId) throws Exception {
        var refs = context.getServiceReferences(InstrumentDriver.class, "(instrument.id=" + instrumentId + ")");
        return refs.isEmpty() ? null : refs.iterator().next();
    }

    /** What must not change when a bundle is refused: the list and the installation area's files. */
    private String snapshot() throws IOException {
        StringBuilder s = new StringBuilder(installer.driverBundles().toString());
        Path area = installer.installationArea();
        if (Files.isDirectory(area)) {
            try (Stream<Path> files = Files.walk(area)) {
                for (Path p : files.sorted().toList()) {
                    s.append('\n').append(area.relativize(p));
                    if (Files.isRegularFile(p)) {
                        s.append(' ').append(Files.size(p));
                    }
                }
            }
        }
        for (Bundle b : context.getBundles()) {
            // a lazily activated bundle waits in STARTING until its first class is loaded, which
            // other threads of the framework may do at any time: for this snapshot it is started
            int state = b.getState() == Bundle.STARTING ? Bundle.ACTIVE : b.getState();
            s.append('\n').append(b.getSymbolicName()).append(' ').append(b.getVersion()).append(' ').append(state);
        }
        return s.toString();
    }

    // ------------------------------------------------------------- tests

    @Test
    void aDriverBundleIsInstalledRegistersItsDriverAndIsRemovedAtRuntime() throws Exception {
        DriverBundle installed = installer.install(goodDriver("1.0.0", "stub-a"));
        assertEquals(BSN, installed.symbolicName());
        assertEquals("1.0.0", installed.version());
        assertEquals("ACTIVE", installed.state());
        assertFalse(installed.builtIn());
        assertEquals(List.of("org.example.stubdriver.Driver"), installed.drivers());
        Path kept = installer.installationArea().resolve(BSN + ".jar");
        assertTrue(Files.isRegularFile(kept), "the jar is kept in the installation area");
        assertEquals(installed.file().orElseThrow(), kept.toString());
        assertNotNull(driverService("stub-a"), "the installed driver is registered without a restart");
        assertTrue(installer.driverBundles().contains(installed));

        DriverBundle removed = installer.remove(BSN);
        assertEquals("1.0.0", removed.version());
        assertNull(driverService("stub-a"), "the removed driver is unregistered");
        assertFalse(Files.exists(kept));
        assertTrue(installer.installed(BSN).isEmpty());
        assertTrue(installer.driverBundles().stream().noneMatch(b -> b.symbolicName().equals(BSN)));
    }

    @Test
    void builtInDriversAreListedAndCannotBeRemoved() throws Exception {
        List<DriverBundle> bundles = installer.driverBundles();
        // the installer's own test fragment ships no driver; the built-in drivers are in other tests'
        // runtimes, so only check what is listed is consistent
        for (DriverBundle b : bundles) {
            assertEquals(b.builtIn(), b.file().isEmpty(), b.toString());
        }
        var e = assertThrows(DriverInstallException.class, () -> installer.remove("org.onset.instrument.api"));
        assertTrue(e.getMessage().contains("part of Onset"), e.getMessage());
        e = assertThrows(DriverInstallException.class, () -> installer.remove("org.example.nothing"));
        assertTrue(e.getMessage().contains("no driver bundle org.example.nothing is installed"), e.getMessage());
    }

    @Test
    void everyKindOfBadBundleIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        Path text = work.resolve("notes.jar");
        Files.writeString(text, "this is not a jar\n");
        Map<String, String> noName = new LinkedHashMap<>(driverHeaders("1.0.0", "[1.0,2)"));
        noName.remove("Bundle-SymbolicName");
        Map<String, String> noApi = new LinkedHashMap<>(driverHeaders("1.0.0", "[1.0,2)"));
        noApi.put("Import-Package", "org.osgi.framework");
        Map<String, String> missingImport = new LinkedHashMap<>(driverHeaders("1.0.0", "[1.0,2)"));
        missingImport.put("Import-Package", "org.onset.instrument.api;version=\"[1.0,2)\",org.example.nowhere;version=\"1.0\"");
        Map<String, String> throwing = new LinkedHashMap<>(driverHeaders("1.0.0", "[1.0,2)"));
        throwing.put("Import-Package", "org.onset.instrument.api;version=\"[1.0,2)\",org.osgi.framework");
        throwing.put("Bundle-Activator", ThrowingActivator.class.getName());
        Map<String, String> noComponent = new LinkedHashMap<>(driverHeaders("1.0.0", "[1.0,2)"));
        noComponent.remove("Service-Component");
        Map<String, String> builtInName = new LinkedHashMap<>(driverHeaders("1.0.0", "[1.0,2)"));
        builtInName.put("Bundle-SymbolicName", "org.onset.instrument.install");

        Map<Path, String> cases = new LinkedHashMap<>();
        cases.put(text, "not a bundle: " + text + " is not a jar");
        cases.put(jar("no-manifest.jar", Map.of(), List.of(), Map.of("readme.txt", "x")), "not a bundle");
        cases.put(jar("no-name.jar", noName, List.of(StubDriver.class), component("x")), "no Bundle-SymbolicName");
        cases.put(jar("no-api.jar", noApi, List.of(StubDriver.class), component("x")),
                "does not import the driver API package org.onset.instrument.api");
        cases.put(jar("api2.jar", driverHeaders("1.0.0", "[2.0,3)"), List.of(StubDriver.class), component("x")),
                "incompatible driver API: " + BSN + " 1.0.0 needs org.onset.instrument.api [2.0.0,3.0.0), this Onset provides 1.1.0");
        cases.put(jar("unresolvable.jar", missingImport, List.of(StubDriver.class), component("x")),
                "unresolvable: ");
        cases.put(jar("throwing.jar", throwing, List.of(StubDriver.class, ThrowingActivator.class), component("x")),
                "stub hardware library failed to initialise");
        // the DS component's activate method throws (the bundle itself starts): immediate, and delayed
        // (SCR activates it only when its service is first used, so the installer must use it once)
        for (boolean immediate : new boolean[] { true, false }) {
            cases.put(jar("failing-component-" + (immediate ? "immediate" : "delayed") + ".jar", driverHeaders("1.0.0", "[1.0,2)"),
                    List.of(StubDriver.class, ThrowingComponent.class), component("x", ThrowingComponent.class, immediate)),
                    "the driver component org.example.stubdriver.Driver of " + BSN
                            + " 1.0.0 failed on activation: java.lang.IllegalStateException: stub vendor library libstubdaq.so not found");
        }
        cases.put(jar("no-component.jar", noComponent, List.of(StubDriver.class), Map.of()),
                "declares no DS component that provides org.onset.instrument.api.InstrumentDriver");
        cases.put(jar("built-in.jar", builtInName, List.of(StubDriver.class), component("x")), "is part of Onset");
        cases.put(work.resolve("missing.jar"), "no such file");

        // once with nothing installed, once with a good version installed (update must restore it)
        for (boolean withInstalled : new boolean[] { false, true }) {
            if (withInstalled) {
                installer.install(goodDriver("1.0.0", "stub-b"));
            }
            for (Map.Entry<Path, String> c : cases.entrySet()) {
                String before = snapshot();
                var e = assertThrows(DriverInstallException.class, () -> installer.install(c.getKey()), c.getKey().toString());
                if (!withInstalled || !c.getValue().contains("part of Onset")) {
                    assertTrue(e.getMessage().contains(withInstalled && e.getMessage().contains("installed already")
                            ? "installed already" : c.getValue()), c.getKey() + ": " + e.getMessage());
                }
                assertEquals(before, snapshot(), "install of " + c.getKey() + " changed something");
                if (withInstalled) {
                    var u = assertThrows(DriverInstallException.class, () -> installer.update(c.getKey()), c.getKey().toString());
                    if (!u.getMessage().contains("part of Onset") && !u.getMessage().contains("no driver bundle")) {
                        assertTrue(u.getMessage().contains(c.getValue()), c.getKey() + ": " + u.getMessage());
                    }
                    assertEquals(before, snapshot(), "update to " + c.getKey() + " changed something");
                    assertNotNull(driverService("stub-b"), "the previous version serves again after " + c.getKey());
                }
            }
        }
        assertTrue(cases.size() >= 10);
        List<String> messages = new ArrayList<>();
        for (Path p : List.of(work.resolve("unresolvable.jar"))) {
            messages.add(assertThrows(DriverInstallException.class, () -> installer.update(p)).getMessage());
        }
        assertTrue(messages.get(0).contains("org.example.nowhere"), messages.get(0));
    }

    @Test
    void updateReplacesTheVersionAndTheDriverComesBack() throws Exception {
        installer.install(goodDriver("1.0.0", "stub-c"));
        DriverBundle updated = installer.update(goodDriver("1.1.0", "stub-c2"));
        assertEquals("1.1.0", updated.version());
        assertEquals("ACTIVE", updated.state());
        assertNull(driverService("stub-c"));
        assertNotNull(driverService("stub-c2"));
        assertEquals(1, installer.driverBundles().stream().filter(b -> b.symbolicName().equals(BSN)).count());
        try (var in = Files.newInputStream(installer.installationArea().resolve(BSN + ".jar"));
                var jar = new java.util.jar.JarInputStream(in)) {
            assertEquals("1.1.0", jar.getManifest().getMainAttributes().getValue("Bundle-Version"));
        }
    }

    /**
     * The bundles of one repository updated together: the first one updates fine, the second is
     * refused (its component fails on activation); the first must be back at its previous version,
     * its old driver registered again, and everything as before the call.
     */
    @Test
    void anUpdateOfSeveralBundlesThatFailsHalfwayPutsBackTheOnesAlreadyUpdated() throws Exception {
        installer.install(goodDriver("1.0.0", "stub-e"));
        Map<String, String> second = new LinkedHashMap<>(driverHeaders("1.0.0", "[1.0,2)"));
        second.put("Bundle-SymbolicName", BSN2);
        installer.install(jar("two-1.0.0.jar", second, List.of(StubDriver.class), component("stub-e2")));
        String before = snapshot();

        Map<String, String> secondNext = new LinkedHashMap<>(second);
        secondNext.put("Bundle-Version", "1.1.0");
        Path firstGood = goodDriver("1.1.0", "stub-e-next");
        Path secondBad = jar("two-1.1.0.jar", secondNext, List.of(StubDriver.class, ThrowingComponent.class),
                component("stub-e2-next", ThrowingComponent.class, true));
        var e = assertThrows(DriverInstallException.class, () -> installer.updateAll(List.of(firstGood, secondBad)));
        assertTrue(e.getMessage().contains("failed on activation") && e.getMessage().contains("stub vendor library"),
                e.getMessage());
        assertTrue(e.getMessage().contains("updated before it and put back: " + BSN + " 1.0.0"), e.getMessage());
        assertEquals("1.0.0", installer.installed(BSN).orElseThrow().version());
        assertEquals("1.0.0", installer.installed(BSN2).orElseThrow().version());
        assertNotNull(driverService("stub-e"), "the first bundle's previous driver serves again");
        assertNotNull(driverService("stub-e2"));
        assertNull(driverService("stub-e-next"));
        assertEquals(before, snapshot(), "a refused update of several bundles changed something");

        // and both good: both updated
        Path secondGood = jar("two-1.1.0-good.jar", secondNext, List.of(StubDriver.class), component("stub-e2-next"));
        List<DriverBundle> updated = installer.updateAll(List.of(firstGood, secondGood));
        assertEquals(List.of("1.1.0", "1.1.0"), updated.stream().map(DriverBundle::version).toList());
        assertNotNull(driverService("stub-e-next"));
        assertNotNull(driverService("stub-e2-next"));
    }

    @Test
    void whatIsInTheInstallationAreaIsInstalledAgainWhenTheInstallerStarts() throws Exception {
        installer.install(goodDriver("1.0.0", "stub-d"));
        // a new framework (the next start) has no such bundle: uninstall it behind the installer's back
        Bundle b = context.getBundle("onset-driver:" + BSN);
        b.uninstall();
        assertNull(driverService("stub-d"));
        // and restart the installer component, as the next start does
        Bundle host = FrameworkUtil.getBundle(DriverInstaller.class);
        host.stop();
        host.start();
        context = host.getBundleContext();
        ServiceTracker<DriverInstaller, DriverInstaller> t = new ServiceTracker<>(context(host), DriverInstaller.class, null);
        t.open();
        installer = t.waitForService(10_000);
        t.close();
        assertNotNull(installer);
        assertEquals("ACTIVE", installer.installed(BSN).orElseThrow().state());
        assertNotNull(driverService("stub-d"), "the driver is back after the restart");
        // and a jar deleted from the area while Onset was not running is uninstalled at the next start
        Files.delete(installer.installationArea().resolve(BSN + ".jar"));
        host.stop();
        host.start();
        context = host.getBundleContext();
        t = new ServiceTracker<>(context(host), DriverInstaller.class, null);
        t.open();
        installer = t.waitForService(10_000);
        t.close();
        assertTrue(installer.installed(BSN).isEmpty());
        assertNull(context(host).getBundle("onset-driver:" + BSN));
    }

    private static BundleContext context(Bundle host) {
        return host.getBundleContext();
    }

}
