package org.onset.batch.internal.drivers;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.onset.batch.BatchCommand;
import org.onset.batch.internal.drivers.DriverRegistry.Driver;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;

/**
 * {@code onset drivers}: lists the instruments and edits their Config Admin configurations, checking
 * every setting against the driver's metatype before anything is written.
 */
@Component(service = BatchCommand.class)
public final class DriversCommand implements BatchCommand {

    /** Factory PID of the simulated instrument (org.onset.instrument.sim). */
    static final String SIM_FACTORY_PID = "org.onset.instrument.sim";
    /** The simulator's framework property that disables the default instrument "sim". */
    static final String SIM_DEFAULT_PROPERTY = "onset.sim.default";
    /** How long a configuration change may take to (un)register its driver service. */
    static final long SERVICE_WAIT_MS = 10_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final DriverRegistry drivers = new DriverRegistry();
    private final DriverConfigurations configurations;
    private final DriverReport report;

    @Activate
    public DriversCommand(@Reference ConfigurationAdmin configAdmin, @Reference MetaTypeService metaType,
            BundleContext context) {
        configurations = new DriverConfigurations(configAdmin);
        report = new DriverReport(drivers, configurations, metaType, context);
    }

    @Reference(service = InstrumentDriver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeDriver", updated = "updatedDriver")
    void addDriver(ServiceReference<InstrumentDriver> reference, InstrumentDriver driver) {
        drivers.add(reference, driver);
    }

    void removeDriver(ServiceReference<InstrumentDriver> reference) {
        drivers.remove(reference);
    }

    void updatedDriver(ServiceReference<InstrumentDriver> reference) {
        drivers.modified();
    }

    @Override
    public String name() {
        return "drivers";
    }

    @Override
    public String summary() {
        return "list instruments; add, change or remove simulated instruments";
    }

    @Override
    public String usage() {
        return """
                usage: onset drivers [list]
                       onset drivers settings [ID]
                       onset drivers add-sim ID [--set NAME=VALUE ...]
                       onset drivers set ID NAME=VALUE ...
                       onset drivers remove ID
                  list      every registered instrument (id, name, vendor/model, simulated, status, bundle)
                            and configurations that have no driver service, with the likely reason
                  settings  the settings of instrument ID: current value, default and unit; without ID,
                            the settings of a new simulated instrument
                  add-sim   configure a new simulated instrument with id ID (refused if ID exists); waits
                            up to 10 s for its driver and prints its status
                  set       change settings of an existing instrument (its driver restarts)
                  remove    delete the configuration of instrument ID (its driver unregisters); the default
                            simulator 'sim' is re-created at the next start when no simulator is configured,
                            unless the framework property onset.sim.default=false
                Settings are checked against the driver's declared settings before anything is written:
                unknown names and values that are not numbers are refused. A value the driver itself
                refuses (e.g. bias.min > 0) leaves nothing behind: add-sim removes the new instrument,
                set restores the previous settings.
                Configurations are stored by Config Admin in ~/.onset/config (felix.cm.dir, set by
                ./onset; ONSET_HOME moves ~/.onset), so they survive restarts and rebuilds of Onset.
                Exit status: 0 done, 2 bad arguments or settings, 1 failure.
                Example: onset drivers add-sim quiet --set driftX=0 --set driftY=0 --set driftZ=0""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String action = args.isEmpty() ? "list" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            return switch (action) {
            case "list" -> {
                none(rest, "list");
                report.list(out);
                yield 0;
            }
            case "settings" -> {
                if (rest.size() > 1) {
                    throw new IllegalArgumentException("settings takes at most one instrument id");
                }
                yield rest.isEmpty() ? report.factorySettings(SIM_FACTORY_PID, out, err)
                        : report.settings(rest.get(0), out, err);
            }
            case "add-sim" -> addSimulator(rest, out, err);
            case "set" -> set(rest, out, err);
            case "remove" -> remove(rest, out, err);
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "' (list, settings, add-sim, set, remove)");
            };
        } catch (InvalidSettingException e) {
            // the setting is named in the message: the full usage text would only bury it
            err.println("onset drivers: " + e.getMessage());
            err.println("nothing was changed");
            return USAGE;
        }
    }

    private static void none(List<String> rest, String action) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException(action + " takes no arguments, got " + rest);
        }
    }

    private static String id(List<String> rest, String action) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(action + " needs an instrument id");
        }
        String id = rest.get(0);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("instrument id '" + id
                    + "' must be letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    private int addSimulator(List<String> rest, PrintStream out, PrintStream err) throws Exception {
        String id = id(rest, "add-sim");
        List<String> assignments = new ArrayList<>();
        for (int i = 1; i < rest.size(); i++) {
            if (!rest.get(i).equals("--set") || i + 1 >= rest.size()) {
                throw new IllegalArgumentException("expected --set NAME=VALUE, got '" + rest.get(i) + "'");
            }
            assignments.add(rest.get(++i));
        }
        SettingsSchema schema = schemaOf(SIM_FACTORY_PID);
        Map<String, Object> settings = parse(schema, assignments);
        if (configurations.byId(id).isPresent() || drivers.byId(id).isPresent()) {
            err.println("onset drivers: an instrument '" + id + "' exists already; choose another id, or change it "
                    + "with onset drivers set " + id + " NAME=VALUE");
            return FAILURE;
        }
        Configuration c = configurations.create(SIM_FACTORY_PID, id, settings);
        String pid = c.getPid();
        Optional<Driver> driver = drivers.await(d -> pid.equals(d.pid()), SERVICE_WAIT_MS);
        if (driver.isEmpty()) {
            err.println("onset drivers: configuration " + pid + " saved, but no driver registered for '" + id
                    + "' within " + SERVICE_WAIT_MS / 1000 + " s; see onset drivers list");
            return FAILURE;
        }
        InstrumentStatus status = driver.get().service().status();
        if (status.state() == InstrumentStatus.State.FAULT) {
            c.delete();
            drivers.awaitGone(d -> pid.equals(d.pid()), SERVICE_WAIT_MS);
            err.println("onset drivers: the simulator refused these settings: " + status.reason());
            err.println("instrument '" + id + "' was not added");
            return FAILURE;
        }
        out.println("added simulated instrument '" + id + "' (configuration " + pid + ")");
        out.println("status: " + describe(status));
        return 0;
    }

    private int set(List<String> rest, PrintStream out, PrintStream err) throws Exception {
        String id = id(rest, "set");
        List<String> assignments = rest.subList(1, rest.size());
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException("set needs at least one NAME=VALUE");
        }
        Optional<Configuration> found = configurations.byId(id);
        if (found.isEmpty()) {
            err.println("onset drivers: no configuration for instrument '" + id + "'"
                    + (drivers.byId(id).isPresent() ? " (its driver is not configured through Config Admin)" : "")
                    + "; onset drivers list shows the instruments");
            return FAILURE;
        }
        Configuration c = found.get();
        String factory = c.getFactoryPid() == null ? c.getPid() : c.getFactoryPid();
        Map<String, Object> changes = parse(schemaOf(factory), assignments);
        boolean faultBefore = drivers.byPid(c.getPid())
                .map(d -> d.service().status().state() == InstrumentStatus.State.FAULT).orElse(false);
        Dictionary<String, Object> old = DriverConfigurations.update(c, changes);
        Optional<Driver> driver = drivers.await(d -> c.getPid().equals(d.pid()) && carries(d, changes),
                SERVICE_WAIT_MS);
        if (driver.isEmpty()) {
            err.println("onset drivers: settings saved, but the driver of '" + id + "' did not come back within "
                    + SERVICE_WAIT_MS / 1000 + " s; see onset drivers list");
            return FAILURE;
        }
        InstrumentStatus status = driver.get().service().status();
        if (status.state() == InstrumentStatus.State.FAULT && !faultBefore) {
            c.update(old);
            Map<String, Object> previous = new HashMap<>();
            changes.keySet().forEach(k -> previous.put(k, old.get(k)));
            drivers.await(d -> c.getPid().equals(d.pid()) && carries(d, previous), SERVICE_WAIT_MS);
            err.println("onset drivers: the driver refused these settings: " + status.reason());
            err.println("the previous settings of '" + id + "' were restored");
            return FAILURE;
        }
        out.println("updated instrument '" + id + "': " + changes);
        out.println("status: " + describe(status));
        return status.state() == InstrumentStatus.State.FAULT ? FAILURE : 0;
    }

    private int remove(List<String> rest, PrintStream out, PrintStream err) throws Exception {
        String id = id(rest, "remove");
        if (rest.size() > 1) {
            throw new IllegalArgumentException("remove takes one instrument id");
        }
        Optional<Configuration> found = configurations.byId(id);
        if (found.isEmpty()) {
            Optional<Driver> d = drivers.byId(id);
            err.println("onset drivers: no configuration for instrument '" + id + "'" + d.map(
                    x -> "; its driver comes from " + x.bundle() + " without a configuration: stop that bundle instead")
                    .orElse(""));
            return FAILURE;
        }
        String pid = found.get().getPid();
        found.get().delete();
        boolean gone = drivers.awaitGone(d -> pid.equals(d.pid()), SERVICE_WAIT_MS);
        out.println("removed instrument '" + id + "' (configuration " + pid + ")"
                + (gone ? "; its driver is unregistered" : "; its driver is still registered after "
                        + SERVICE_WAIT_MS / 1000 + " s"));
        if (id.equals("sim")) {
            out.println("note: the default simulator 'sim' is re-created at the next start when no simulated "
                    + "instrument is configured, unless the framework property " + SIM_DEFAULT_PROPERTY + "=false");
        }
        return gone ? 0 : FAILURE;
    }

    private SettingsSchema schemaOf(String factoryPid) {
        return report.schema(factoryPid).orElseThrow(() -> new IllegalStateException(
                "no installed bundle declares the settings of '" + factoryPid + "' (metatype)"));
    }

    /** NAME=VALUE arguments as typed values; every bad one is reported, none is applied. */
    private static Map<String, Object> parse(SettingsSchema schema, List<String> assignments) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected NAME=VALUE, got '" + a + "'");
            }
            String name = a.substring(0, eq).trim();
            if (name.equals(InstrumentDriver.INSTRUMENT_ID)) {
                problems.add("'" + InstrumentDriver.INSTRUMENT_ID + "' is the ID argument, not a setting");
                continue;
            }
            try {
                values.put(name, schema.parse(name, a.substring(eq + 1)));
            } catch (InvalidSettingException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingException(String.join("\n  ", problems));
        }
        return values;
    }

    /** Whether the driver service was registered with these values (DS publishes the configuration). */
    private static boolean carries(Driver d, Map<String, Object> values) {
        return values.entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(d.property(e.getKey())), String.valueOf(e.getValue())));
    }

    private static String describe(InstrumentStatus status) {
        return status.state() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")");
    }
}
