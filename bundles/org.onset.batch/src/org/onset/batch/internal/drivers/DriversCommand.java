package org.onset.batch.internal.drivers;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.onset.batch.BatchCommand;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.registry.DriverRefusedException;
import org.onset.instrument.registry.DriverTimeoutException;
import org.onset.instrument.registry.DriverType;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentConfiguration;
import org.onset.instrument.registry.InstrumentConfigurationException;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.instrument.registry.InvalidSettingsException;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code onset drivers}: lists the instruments (from the {@link InstrumentRegistry}) and edits their
 * configurations through the {@link InstrumentConfigurator}, which checks every setting against the
 * driver's metatype before anything is written and rolls back what the driver refuses.
 */
@Component(service = BatchCommand.class)
public final class DriversCommand implements BatchCommand {

    /** The simulator's framework property that disables the default instrument "sim". */
    static final String SIM_DEFAULT_PROPERTY = "onset.sim.default";
    /** How long a configuration change may take to (un)register its driver service. */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(10);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final InstrumentRegistry registry;
    private final InstrumentConfigurator configurator;
    private final DriverReport report;

    @Activate
    public DriversCommand(@Reference InstrumentRegistry registry, @Reference InstrumentConfigurator configurator,
            @Reference ConfigurationAdmin configAdmin, BundleContext context) {
        this.registry = registry;
        this.configurator = configurator;
        report = new DriverReport(registry, configurator, context, configAdmin);
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
                yield rest.isEmpty() ? report.simulatorSettings(out, err) : report.settings(rest.get(0), out, err);
            }
            case "add-sim" -> addSimulator(rest, out, err);
            case "set" -> set(rest, out, err);
            case "remove" -> remove(rest, out, err);
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "' (list, settings, add-sim, set, remove)");
            };
        } catch (InvalidSettingsException e) {
            // the setting is named in the message: the full usage text would only bury it
            err.println("onset drivers: " + String.join("\n  ", e.problems().stream()
                    .map(p -> p.startsWith("unknown setting") ? p + " (onset drivers settings lists them)" : p)
                    .toList()));
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
        DriverType simulator = configurator.simulatedDriverType().orElseThrow(() -> new IllegalStateException(
                "no simulated driver is installed (no driver type declares " + InstrumentRegistry.SIMULATED + "=true)"));
        Map<String, String> settings = parse(simulator.factoryPid(), assignments);
        Instrument added;
        try {
            added = configurator.create(simulator.factoryPid(), id, settings, SERVICE_WAIT);
        } catch (DriverRefusedException e) {
            err.println("onset drivers: the simulator refused these settings: " + e.reason());
            err.println("instrument '" + id + "' was not added");
            return FAILURE;
        } catch (DriverTimeoutException e) {
            err.println("onset drivers: " + e.getMessage() + "; see onset drivers list");
            return FAILURE;
        } catch (InvalidSettingsException e) {
            throw e;
        } catch (InstrumentConfigurationException e) {
            // the id is taken: by a configuration, or by a driver registered without one
            err.println("onset drivers: " + e.getMessage() + "; choose another id, or change it "
                    + "with onset drivers set " + id + " NAME=VALUE");
            return FAILURE;
        }
        out.println("added simulated instrument '" + id + "' (configuration "
                + added.configurationPid().orElse("?") + ")");
        out.println("status: " + describe(added.status()));
        return 0;
    }

    private int set(List<String> rest, PrintStream out, PrintStream err) throws Exception {
        String id = id(rest, "set");
        List<String> assignments = rest.subList(1, rest.size());
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException("set needs at least one NAME=VALUE");
        }
        Optional<InstrumentConfiguration> found = configurator.configuration(id);
        if (found.isEmpty()) {
            err.println("onset drivers: no configuration for instrument '" + id + "'"
                    + (registry.instrument(id).isPresent() ? " (its driver is not configured through Config Admin)" : "")
                    + "; onset drivers list shows the instruments");
            return FAILURE;
        }
        Map<String, String> changes = parse(found.get().driverPid(), assignments);
        Instrument changed;
        try {
            changed = configurator.change(id, changes, SERVICE_WAIT);
        } catch (DriverRefusedException e) {
            err.println("onset drivers: the driver refused these settings: " + e.reason());
            err.println("the previous settings of '" + id + "' were restored");
            return FAILURE;
        } catch (DriverTimeoutException e) {
            err.println("onset drivers: " + e.getMessage() + "; see onset drivers list");
            return FAILURE;
        }
        // the values as the driver got them (typed by the metatype)
        Map<String, Object> applied = new LinkedHashMap<>();
        changes.keySet().forEach(k -> applied.put(k, changed.properties().get(k)));
        InstrumentStatus status = changed.status();
        out.println("updated instrument '" + id + "': " + applied);
        out.println("status: " + describe(status));
        return status.state() == InstrumentStatus.State.FAULT ? FAILURE : 0;
    }

    private int remove(List<String> rest, PrintStream out, PrintStream err) throws Exception {
        String id = id(rest, "remove");
        if (rest.size() > 1) {
            throw new IllegalArgumentException("remove takes one instrument id");
        }
        Optional<InstrumentConfiguration> found = configurator.configuration(id);
        if (found.isEmpty()) {
            Optional<Instrument> d = registry.instrument(id);
            err.println("onset drivers: no configuration for instrument '" + id + "'" + d.map(x -> "; its driver comes from "
                    + x.bundleDescription() + " without a configuration: stop that bundle instead").orElse(""));
            return FAILURE;
        }
        String pid = found.get().pid();
        boolean gone = true;
        try {
            configurator.delete(id, SERVICE_WAIT);
        } catch (DriverTimeoutException e) {
            gone = false;
        }
        out.println("removed instrument '" + id + "' (configuration " + pid + ")"
                + (gone ? "; its driver is unregistered" : "; its driver is still registered after "
                        + SERVICE_WAIT.toSeconds() + " s"));
        if (id.equals("sim")) {
            out.println("note: the default simulator 'sim' is re-created at the next start when no simulated "
                    + "instrument is configured, unless the framework property " + SIM_DEFAULT_PROPERTY + "=false");
        }
        return gone ? 0 : FAILURE;
    }

    /**
     * NAME=VALUE arguments by name, as text: the configurator types and checks them. Every bad one is
     * reported at once, none is applied.
     */
    private Map<String, String> parse(String factoryPid, List<String> assignments) throws InvalidSettingsException {
        Map<String, String> values = new LinkedHashMap<>();
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
            values.put(name, a.substring(eq + 1));
        }
        if (!problems.isEmpty()) {
            try {
                configurator.check(factoryPid, values);
            } catch (InvalidSettingsException e) {
                problems.addAll(e.problems());
            }
            throw new InvalidSettingsException("", problems);
        }
        return values;
    }

    private static String describe(InstrumentStatus status) {
        return status.state() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")");
    }
}
