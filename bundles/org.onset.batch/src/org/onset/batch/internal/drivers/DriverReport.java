package org.onset.batch.internal.drivers;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.onset.batch.internal.drivers.DriverRegistry.Driver;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.metatype.MetaTypeService;

/** The read-only views: {@code onset drivers list} and {@code onset drivers settings}. */
final class DriverReport {

    private final DriverRegistry drivers;
    private final DriverConfigurations configurations;
    private final MetaTypeService metaType;
    private final BundleContext context;

    DriverReport(DriverRegistry drivers, DriverConfigurations configurations, MetaTypeService metaType,
            BundleContext context) {
        this.drivers = drivers;
        this.configurations = configurations;
        this.metaType = metaType;
        this.context = context;
    }

    Optional<SettingsSchema> schema(String factoryPid) {
        return factoryPid == null ? Optional.empty() : SettingsSchema.find(context, metaType, factoryPid);
    }

    /** Every registered driver, then every instrument configuration without a driver service. */
    void list(PrintStream out) throws IOException {
        List<Driver> registered = drivers.all();
        List<Configuration> orphans = new ArrayList<>();
        for (Configuration c : configurations.all()) {
            if (drivers.byPid(c.getPid()).isEmpty()) {
                orphans.add(c);
            }
        }
        if (registered.isEmpty() && orphans.isEmpty()) {
            out.println("No instruments: no driver is registered and no instrument is configured.");
            return;
        }
        out.println("Instruments: " + registered.size() + " registered"
                + (orphans.isEmpty() ? "" : ", " + orphans.size() + " configured without a driver service"));
        for (Driver d : registered) {
            InstrumentInfo info = d.service().info();
            InstrumentStatus status = d.service().status();
            out.println();
            out.println(d.id() + "  " + info.name() + (info.simulated() ? "  [simulated]" : "  [hardware]"));
            row(out, "vendor/model", info.vendor() + " / " + info.model());
            row(out, "status", status.state() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
            row(out, "bundle", d.bundle());
            row(out, "configuration", d.pid() == null ? "(none: not configured through Config Admin)" : d.pid());
        }
        for (Configuration c : orphans) {
            out.println();
            out.println(DriverConfigurations.instrumentId(c) + "  (configured, no driver service)");
            row(out, "status", "NO SERVICE (" + whyNoService(c) + ")");
            row(out, "configuration", c.getPid() + (c.getFactoryPid() == null ? "" : " (factory " + c.getFactoryPid()
                    + ")"));
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.println(String.format("    %-14s %s", label, value));
    }

    /** The most likely reason a configuration has no driver service, checked in order of likelihood. */
    private String whyNoService(Configuration c) {
        String factory = c.getFactoryPid() == null ? c.getPid() : c.getFactoryPid();
        Optional<SettingsSchema> schema = schema(factory);
        if (schema.isEmpty()) {
            return "no installed bundle declares the settings of '" + factory + "': is its driver bundle installed?";
        }
        List<String> problems = new ArrayList<>();
        Dictionary<String, Object> props = c.getProperties();
        for (var keys = props.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            if (schema.get().get(k).isPresent() && !k.equals(InstrumentDriver.INSTRUMENT_ID)) {
                try {
                    schema.get().parse(k, String.valueOf(props.get(k)));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            return "FAULT: " + String.join("; ", problems);
        }
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(schema.get().bundle())
                    && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                return "driver bundle " + b.getSymbolicName() + " is not started";
            }
        }
        return "the driver component is not active (see the log for why)";
    }

    /** Settings of instrument {@code id}: name, current value, default, unit. */
    int settings(String id, PrintStream out, PrintStream err) throws IOException {
        Optional<Configuration> config = configurations.byId(id);
        Optional<Driver> driver = drivers.byId(id);
        if (config.isEmpty() && driver.isEmpty()) {
            err.println("onset drivers: no instrument '" + id + "' (onset drivers list shows them)");
            return 1;
        }
        String factory = config.map(c -> c.getFactoryPid() == null ? c.getPid() : c.getFactoryPid())
                .orElseGet(() -> driver.get().factoryPid());
        Function<String, Object> current = config.isPresent() ? k -> config.get().getProperties().get(k)
                : k -> driver.get().property(k);
        Optional<SettingsSchema> schema = schema(factory);
        if (schema.isEmpty()) {
            err.println("onset drivers: the driver of '" + id + "' declares no settings (no metatype for "
                    + (factory == null ? "its PID" : "'" + factory + "'") + ")");
            return 1;
        }
        out.println("Settings of instrument '" + id + "' (factory PID " + factory + "); * = differs from the default");
        table(schema.get(), current, out);
        return 0;
    }

    /** Settings of a factory PID with their defaults. */
    int factorySettings(String factoryPid, PrintStream out, PrintStream err) {
        Optional<SettingsSchema> schema = schema(factoryPid);
        if (schema.isEmpty()) {
            err.println("onset drivers: no installed bundle declares the settings of '" + factoryPid + "'");
            return 1;
        }
        out.println("Settings of a new simulated instrument (factory PID " + factoryPid + ", declared by "
                + schema.get().bundle() + ")");
        table(schema.get(), k -> null, out);
        return 0;
    }

    private static void table(SettingsSchema schema, Function<String, Object> current, PrintStream out) {
        out.println(String.format("  %-28s %-24s %-24s %-14s %s", "NAME", "CURRENT", "DEFAULT", "UNIT", "MEANING"));
        for (SettingsSchema.Setting s : schema.settings()) {
            Object value = current.apply(s.id());
            String shown = value == null ? (s.defaultText().isEmpty() ? "-" : s.defaultText()) : String.valueOf(value);
            boolean changed = value != null && !sameValue(s, value);
            out.println(String.format("  %-28s %-24s %-24s %-14s %s", s.id(), shown + (changed ? " *" : ""),
                    s.defaultText().isEmpty() ? "-" : s.defaultText(), s.unit().isEmpty() ? "-" : s.unit(), s.label()));
        }
    }

    /** Whether a configured value equals the declared default (as numbers when both are numbers). */
    private static boolean sameValue(SettingsSchema.Setting s, Object value) {
        if (s.defaultText().isEmpty()) {
            return String.valueOf(value).isEmpty();
        }
        try {
            return Double.parseDouble(String.valueOf(value)) == Double.parseDouble(s.defaultText());
        } catch (NumberFormatException e) {
            return String.valueOf(value).equals(s.defaultText());
        }
    }
}
