package org.onset.batch.internal.drivers;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.registry.DriverType;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentConfiguration;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.instrument.registry.InvalidSettingsException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The read-only views: {@code onset drivers list} and {@code onset drivers settings}. */
final class DriverReport {

    private final InstrumentRegistry registry;
    private final InstrumentConfigurator configurator;
    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;

    DriverReport(InstrumentRegistry registry, InstrumentConfigurator configurator, BundleContext context,
            ConfigurationAdmin configAdmin) {
        this.registry = registry;
        this.configurator = configurator;
        this.context = context;
        this.configAdmin = configAdmin;
    }

    /** Every registered driver, then every instrument configuration without a driver service. */
    void list(PrintStream out) throws IOException {
        List<Instrument> registered = registry.instruments();
        List<InstrumentConfiguration> orphans = new ArrayList<>();
        for (InstrumentConfiguration c : configurator.configurations()) {
            if (registered.stream().noneMatch(i -> i.configurationPid().filter(c.pid()::equals).isPresent())) {
                orphans.add(c);
            }
        }
        List<Path> unreadable = unreadableConfigurationFiles();
        for (Path f : unreadable) {
            // Config Admin skips a file it cannot parse without telling anyone: an instrument would
            // simply be missing from this list (issue 9, defect 9)
            out.println("DAMAGED configuration file " + f + ": Config Admin could not read it, so the instrument"
                    + " it configures is missing below; repair it or delete it and configure the instrument again");
        }
        if (registered.isEmpty() && orphans.isEmpty()) {
            out.println("No instruments: no driver is registered and no instrument is configured.");
            return;
        }
        out.println("Instruments: " + registered.size() + " registered"
                + (orphans.isEmpty() ? "" : ", " + orphans.size() + " configured without a driver service"));
        for (Instrument d : registered) {
            InstrumentInfo info = d.info();
            InstrumentStatus status = d.status();
            out.println();
            out.println(d.id() + "  " + info.name() + (d.simulated() ? "  [simulated]" : "  [hardware]"));
            row(out, "vendor/model", info.vendor() + " / " + info.model());
            row(out, "status", status.state() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
            row(out, "bundle", d.bundleDescription());
            row(out, "configuration", d.configurationPid().orElse("(none: not configured through Config Admin)"));
        }
        for (InstrumentConfiguration c : orphans) {
            out.println();
            out.println(c.instrumentId() + "  (configured, no driver service)");
            row(out, "status", "NO SERVICE (" + whyNoService(c) + ")");
            row(out, "configuration", c.pid() + c.factoryPid().map(f -> " (factory " + f + ")").orElse(""));
        }
    }

    /**
     * Files in Config Admin's folder (felix.cm.dir) whose configuration Config Admin does not have:
     * the file layout is the PID with '.' as folder separator and '%xxxx' escapes, ending in .config.
     */
    List<Path> unreadableConfigurationFiles() throws IOException {
        String dir = context.getProperty("felix.cm.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return List.of();
        }
        Set<String> loaded = new HashSet<>();
        try {
            Configuration[] all = configAdmin.listConfigurations(null);
            if (all != null) {
                for (Configuration c : all) {
                    loaded.add(c.getPid());
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("a null filter is valid", e);
        }
        Path root = Path.of(dir);
        List<Path> unreadable = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.getFileName().toString().endsWith(".config") && Files.isRegularFile(f))
                    .sorted().forEach(f -> {
                        String relative = root.relativize(f).toString();
                        String pid = relative.substring(0, relative.length() - ".config".length())
                                .replace(f.getFileSystem().getSeparator(), ".");
                        if (!loaded.contains(felixUnescape(pid))) {
                            unreadable.add(f);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return unreadable;
    }

    /** Felix writes characters that are not file-name safe as '%' and four hex digits. */
    private static String felixUnescape(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 4 < name.length()) {
                try {
                    b.append((char) Integer.parseInt(name.substring(i + 1, i + 5), 16));
                    i += 4;
                    continue;
                } catch (NumberFormatException notAnEscape) {
                    // keep the '%' as it is
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    private static void row(PrintStream out, String label, String value) {
        out.println(String.format("    %-14s %s", label, value));
    }

    /** The most likely reason a configuration has no driver service, checked in order of likelihood. */
    private String whyNoService(InstrumentConfiguration c) {
        String factory = c.driverPid();
        Optional<DriverType> type = configurator.driverType(factory);
        if (type.isEmpty()) {
            return "no installed bundle declares the settings of '" + factory + "': is its driver bundle installed?";
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> e : c.properties().entrySet()) {
            String k = e.getKey();
            if (type.get().setting(k).isPresent() && !k.equals(InstrumentDriver.INSTRUMENT_ID)) {
                try {
                    configurator.check(factory, Map.of(k, String.valueOf(e.getValue())));
                } catch (InvalidSettingsException ex) {
                    problems.addAll(ex.problems());
                }
            }
        }
        if (!problems.isEmpty()) {
            return "FAULT: " + String.join("; ", problems);
        }
        for (Bundle b : context.getBundles()) {
            if (type.get().bundle().equals(b.getSymbolicName())
                    && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                return "driver bundle " + b.getSymbolicName() + " is not started";
            }
        }
        return "the driver component is not active (see the log for why)";
    }

    /** Settings of instrument {@code id}: name, current value, default, unit. */
    int settings(String id, PrintStream out, PrintStream err) throws IOException {
        Optional<InstrumentConfiguration> config = configurator.configuration(id);
        Optional<Instrument> driver = registry.instrument(id);
        if (config.isEmpty() && driver.isEmpty()) {
            err.println("onset drivers: no instrument '" + id + "' (onset drivers list shows them)");
            return 1;
        }
        String factory = config.map(InstrumentConfiguration::driverPid)
                .orElseGet(() -> driver.get().factoryPid().orElse(null));
        Function<String, Object> current = config.isPresent() ? k -> config.get().properties().get(k)
                : k -> driver.get().properties().get(k);
        Optional<DriverType> type = factory == null ? Optional.empty() : configurator.driverType(factory);
        if (type.isEmpty()) {
            err.println("onset drivers: the driver of '" + id + "' declares no settings (no metatype for "
                    + (factory == null ? "its PID" : "'" + factory + "'") + ")");
            return 1;
        }
        out.println("Settings of instrument '" + id + "' (factory PID " + factory + "); * = differs from the default");
        table(type.get(), current, out);
        return 0;
    }

    /** Settings of a new instrument of the simulated driver type, with their defaults. */
    int simulatorSettings(PrintStream out, PrintStream err) {
        Optional<DriverType> type = configurator.simulatedDriverType();
        if (type.isEmpty()) {
            err.println("onset drivers: no simulated driver is installed (no driver type declares "
                    + InstrumentRegistry.SIMULATED + "=true)");
            return 1;
        }
        out.println("Settings of a new simulated instrument (factory PID " + type.get().factoryPid() + ", declared by "
                + type.get().bundle() + ")");
        table(type.get(), k -> null, out);
        return 0;
    }

    private static void table(DriverType type, Function<String, Object> current, PrintStream out) {
        out.println(String.format("  %-28s %-24s %-24s %-14s %s", "NAME", "CURRENT", "DEFAULT", "UNIT", "MEANING"));
        for (DriverType.Setting s : type.settings()) {
            Object value = current.apply(s.id());
            String shown = value == null ? (s.defaultValue().isEmpty() ? "-" : s.defaultValue()) : String.valueOf(value);
            boolean changed = value != null && !sameValue(s, value);
            out.println(String.format("  %-28s %-24s %-24s %-14s %s", s.id(), shown + (changed ? " *" : ""),
                    s.defaultValue().isEmpty() ? "-" : s.defaultValue(), s.unit().isEmpty() ? "-" : s.unit(),
                    s.label()));
        }
    }

    /** Whether a configured value equals the declared default (as numbers when both are numbers). */
    private static boolean sameValue(DriverType.Setting s, Object value) {
        if (s.defaultValue().isEmpty()) {
            return String.valueOf(value).isEmpty();
        }
        try {
            return Double.parseDouble(String.valueOf(value)) == Double.parseDouble(s.defaultValue());
        } catch (NumberFormatException e) {
            return String.valueOf(value).equals(s.defaultValue());
        }
    }
}
