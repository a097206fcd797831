package org.onset.storage.hdf5.tests;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Files behind the bundles of the running framework: a class path for a child JVM that runs the
 * same code outside OSGi, and entries of this test fragment (scripts).
 */
final class BundleFiles {

    static final String FRAGMENT = "org.onset.storage.hdf5.tests";

    private BundleFiles() {
    }

    /**
     * Class path of everything {@code start} is wired to, transitively, fragments included: the
     * storage bundle, this fragment, the instrument API, jhdf5 with sis-base, commons-io/lang3.
     */
    static String classPathOf(Class<?> start) {
        Set<Bundle> bundles = new LinkedHashSet<>();
        Deque<Bundle> todo = new ArrayDeque<>(List.of(FrameworkUtil.getBundle(start)));
        while (!todo.isEmpty()) {
            Bundle b = todo.pop();
            if (b.getBundleId() == 0 || !bundles.add(b)) {
                continue;
            }
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (BundleWire w : wiring.getRequiredWires(null)) {
                todo.add(w.getProvider().getBundle());
            }
            for (BundleWire w : wiring.getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
                todo.add(w.getRequirer().getBundle());
            }
        }
        return bundles.stream().flatMap(b -> classPathEntries(b).stream()).map(Path::toString).distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Where a bundle's classes are: its jar, or for a bundle run from its project, its output folder. */
    static List<Path> classPathEntries(Bundle b) {
        Path p = locationPath(b);
        if (Files.isDirectory(p)) {
            for (String out : List.of("target/classes", "bin")) {
                if (Files.isDirectory(p.resolve(out))) {
                    return List.of(p.resolve(out));
                }
            }
        }
        return List.of(p);
    }

    /** A bundle's file; Equinox keeps locations relative to its install area as given. */
    static Path locationPath(Bundle b) {
        String loc = b.getLocation();
        int file = loc.indexOf("file:");
        if (file < 0) {
            throw new IllegalStateException("bundle " + b.getSymbolicName() + " has no file location: " + loc);
        }
        String path = loc.substring(file + "file:".length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        Path p = Path.of(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8));
        return p.isAbsolute() ? p.normalize() : installArea().resolve(p).normalize();
    }

    private static Path installArea() {
        var context = FrameworkUtil.getBundle(BundleFiles.class).getBundleContext();
        String area = context == null ? null : context.getProperty("osgi.install.area");
        if (area == null) {
            return Path.of(System.getProperty("user.dir"));
        }
        return area.startsWith("file:") ? Path.of(URI.create(area.replace(" ", "%20")))
                : Path.of(area);
    }

    /** Copies an entry of this test fragment (e.g. "resources/check_usid.py") to {@code dir}. */
    static Path copyEntry(String entry, Path dir) throws IOException {
        Bundle host = FrameworkUtil.getBundle(BundleFiles.class);
        for (Bundle b : host.getBundleContext().getBundles()) {
            if (FRAGMENT.equals(b.getSymbolicName())) {
                URL url = b.getEntry(entry);
                if (url == null) {
                    throw new IOException("fragment " + FRAGMENT + " has no entry " + entry);
                }
                Path target = dir.resolve(Path.of(entry).getFileName().toString());
                try (var in = url.openStream()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return target;
            }
        }
        throw new IOException("fragment " + FRAGMENT + " is not installed");
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
