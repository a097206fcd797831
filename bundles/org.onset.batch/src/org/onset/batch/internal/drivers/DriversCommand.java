package org.onset.batch.internal.drivers;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

import org.onset.batch.BatchCommand;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.conformance.runner.ConformanceReport;
import org.onset.instrument.conformance.runner.ConformanceRunner;
import org.onset.instrument.install.DriverBundle;
import org.onset.instrument.install.DriverInstallException;
import org.onset.instrument.install.DriverInstaller;
import org.onset.instrument.install.RepositoryInstaller;
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
    private final DriverInstaller installer;
    /** p2 repositories as sources (p2 engine, Onset's profile); null when the p2 runtime is not installed. */
    private final RepositoryInstaller repositories;
    /** The conformance suite in this framework; null when its bundle (or JUnit) is not installed. */
    private final ConformanceRunner conformance;

    @Activate
    public DriversCommand(@Reference InstrumentRegistry registry, @Reference InstrumentConfigurator configurator,
            @Reference ConfigurationAdmin configAdmin, @Reference DriverInstaller installer,
            @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL)
            RepositoryInstaller repositories,
            @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL)
            ConformanceRunner conformance, BundleContext context) {
        this.conformance = conformance;
        this.registry = registry;
        this.configurator = configurator;
        this.installer = installer;
        this.repositories = repositories;
        report = new DriverReport(registry, configurator, context, configAdmin);
    }

    @Override
    public String name() {
        return "drivers";
    }

    @Override
    public String summary() {
        return "list instruments and driver bundles; install, update or remove driver bundles; configure instruments";
    }

    @Override
    public String usage() {
        return """
                usage: onset drivers [list]
                       onset drivers list --bundles
                       onset drivers install JAR
                       onset drivers update JAR
                       onset drivers remove BUNDLE
                       onset drivers settings [ID]
                       onset drivers add-sim ID [--set NAME=VALUE ...]
                       onset drivers add ID --type FACTORY-PID [--set NAME=VALUE ...]
                       onset drivers set ID NAME=VALUE ...
                       onset drivers remove ID
                       onset drivers test ID [--resistor OHMS VOLTS]
                  list      every registered instrument (id, name, vendor/model, simulated, status, bundle)
                            and configurations that have no driver service, with the likely reason
                  list --bundles
                            every driver bundle: Onset's own (built in) and the installed ones, with
                            version, state, the driver types it provides and, if installed, its file
                  install   add a driver bundle (a bundle jar, or every bundle of a p2 repository: a folder
                            or zip, read through the Equinox p2 runtime) to this installation: it is checked (a
                            bundle, importing a driver-API version this Onset provides, resolvable, its
                            activation succeeds, it declares a driver component), started, and kept in
                            $ONSET_HOME/drivers so that every later start has it. A refused bundle
                            changes nothing; the message says why (exit 1)
                  update    replace an installed driver bundle by the given jar of the same symbolic
                            name; refused: the previous version is started again
                  remove BUNDLE
                            uninstall an installed driver bundle (by symbolic name) and delete it from
                            $ONSET_HOME/drivers; its instruments' configurations stay
                  settings  the settings of instrument ID: current value, default and unit; without ID,
                            the settings of a new simulated instrument
                  add-sim   configure a new simulated instrument with id ID (refused if ID exists); waits
                            up to 10 s for its driver and prints its status
                  add       the same for any driver type, named by its factory PID (list --bundles shows
                            the driver types of each bundle)
                  set       change settings of an existing instrument (its driver restarts)
                  remove ID delete the configuration of instrument ID (its driver unregisters); the default
                            simulator 'sim' is re-created at the next start when no simulator is configured,
                            unless the framework property onset.sim.default=false
                  test ID   run Onset's driver conformance suite here, against the driver type of instrument
                            ID (e.g. one of a bundle installed at runtime): each test creates its own
                            driver from ID's settings under a new id and deletes it afterwards, so ID
                            itself is not touched. The suite assumes a nucleating cell is connected;
                            --resistor OHMS VOLTS says a resistor is, ramped to VOLTS. Exit 0 when
                            every test passes or is skipped for a feature the driver lacks, else 1
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
                if (rest.equals(List.of("--bundles"))) {
                    listBundles(out);
                    yield 0;
                }
                none(rest, "list");
                report.list(out);
                yield 0;
            }
            case "install" -> install(rest, false, out, err);
            case "update" -> install(rest, true, out, err);
            case "add" -> add(rest, out, err);
            case "settings" -> {
                if (rest.size() > 1) {
                    throw new IllegalArgumentException("settings takes at most one instrument id");
                }
                yield rest.isEmpty() ? report.simulatorSettings(out, err) : report.settings(rest.get(0), out, err);
            }
            case "add-sim" -> addSimulator(rest, out, err);
            case "set" -> set(rest, out, err);
            case "remove" -> remove(rest, out, err);
            case "test" -> test(rest, out, err);
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "' (list, install, update, settings, add-sim, add, set, remove, test)");
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

    /**
     * Every driver bundle, one block each, in symbolic-name order and with nothing that changes
     * between two calls on the same installation (no times, no bundle ids): two listings of the same
     * installation are byte-identical, which is how a refused install is shown to have changed nothing.
     */
    private void listBundles(PrintStream out) {
        List<DriverBundle> bundles = installer.driverBundles();
        long installed = bundles.stream().filter(b -> !b.builtIn()).count();
        out.println("Driver bundles: " + bundles.size() + " (" + (bundles.size() - installed) + " built in, " + installed
                + " installed in " + installer.installationArea() + ")");
        for (DriverBundle b : bundles) {
            out.println();
            out.println(b.symbolicName() + " " + b.version() + "  " + b.state() + "  " + (b.builtIn() ? "built in" : "installed"));
            row(out, "drivers", b.drivers().isEmpty() ? "(none)" : String.join(", ", b.drivers()));
            b.file().ifPresent(f -> row(out, "file", f));
        }
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("  %-9s %s%n", name, value);
    }

    private int install(List<String> rest, boolean update, PrintStream out, PrintStream err) {
        String action = update ? "update" : "install";
        if (rest.size() != 1) {
            throw new IllegalArgumentException(action + " takes one bundle jar");
        }
        java.nio.file.Path source = java.nio.file.Path.of(rest.get(0));
        if (java.nio.file.Files.isDirectory(source) || source.getFileName().toString().endsWith(".zip")) {
            return installRepository(source, update, out, err);
        }
        DriverBundle b;
        try {
            b = update ? installer.update(source) : installer.install(source);
        } catch (DriverInstallException e) {
            err.println("onset drivers: " + action + " of " + source + " refused: " + e.getMessage());
            err.println("nothing was changed");
            return FAILURE;
        }
        out.println((update ? "updated " : "installed ") + b.symbolicName() + " " + b.version() + " (" + b.state()
                + "; drivers: " + String.join(", ", b.drivers()) + ")");
        out.println("kept in " + b.file().orElse("?") + ": installed at every start until onset drivers remove "
                + b.symbolicName());
        return 0;
    }

    /**
     * Every bundle of a p2 repository (folder or zip), installed through the p2 engine into Onset's p2
     * profile; when one is refused, nothing is changed.
     */
    private int installRepository(java.nio.file.Path source, boolean update, PrintStream out, PrintStream err) {
        String action = update ? "update" : "install";
        if (repositories == null) {
            err.println("onset drivers: " + source + " is a folder or zip: installing from p2 repositories needs the p2"
                    + " runtime (bundle org.onset.instrument.install.p2), which is not in this installation");
            return FAILURE;
        }
        if (!repositories.isRepository(source)) {
            err.println("onset drivers: " + action + " of " + source + " refused: not a p2 repository (no content.jar,"
                    + " content.xml or content.xml.xz) and not a bundle jar");
            err.println("nothing was changed");
            return FAILURE;
        }
        List<DriverBundle> done;
        try {
            // through the p2 engine into Onset's profile: all the repository's bundles or none
            done = update ? repositories.update(source) : repositories.install(source);
        } catch (DriverInstallException e) {
            err.println("onset drivers: " + action + " of " + source + " refused: " + e.getMessage());
            err.println("nothing was changed");
            return FAILURE;
        }
        for (DriverBundle b : done) {
            out.println((update ? "updated " : "installed ") + b.symbolicName() + " " + b.version() + " (" + b.state()
                    + "; drivers: " + String.join(", ", b.drivers()) + ") from the p2 repository " + source);
        }
        return 0;
    }

    private int test(List<String> rest, PrintStream out, PrintStream err) {
        if (rest.size() != 1 && !(rest.size() == 4 && rest.get(1).equals("--resistor"))) {
            throw new IllegalArgumentException("test takes an instrument id, optionally followed by --resistor OHMS VOLTS");
        }
        String id = rest.get(0);
        OptionalDouble ohms = OptionalDouble.empty();
        double volts = 0;
        if (rest.size() == 4) {
            try {
                ohms = OptionalDouble.of(Double.parseDouble(rest.get(2)));
                volts = Double.parseDouble(rest.get(3));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--resistor needs two numbers, OHMS and VOLTS: " + e.getMessage());
            }
            if (!(ohms.getAsDouble() > 0) || !Double.isFinite(ohms.getAsDouble()) || !Double.isFinite(volts) || volts == 0) {
                throw new IllegalArgumentException("--resistor needs OHMS > 0 and VOLTS != 0, got " + rest.get(2) + " Ω and "
                        + rest.get(3) + " V");
            }
        }
        if (conformance == null) {
            err.println("onset drivers: the conformance suite is not in this installation"
                    + " (bundle org.onset.instrument.conformance.runner and JUnit 5)");
            return FAILURE;
        }
        ConformanceReport r = conformance.run(id, ohms, volts);
        out.println("conformance suite against driver type " + r.factoryPid() + " (settings of instrument '" + id
                + "'; load: " + r.load() + ")");
        for (String s : r.skipped()) {
            out.println("  skipped: " + s);
        }
        for (String f : r.failures()) {
            out.println("  FAILED:  " + f);
        }
        out.println(String.format("%d tests: %d passed, %d failed, %d skipped", r.passed() + r.failures().size()
                + r.skipped().size(), r.passed(), r.failures().size(), r.skipped().size()));
        out.println(r.conforms() ? "instrument '" + id + "': the driver conforms"
                : "instrument '" + id + "': the driver does NOT conform");
        return r.conforms() ? 0 : FAILURE;
    }

    private int add(List<String> rest, PrintStream out, PrintStream err) throws Exception {
        String id = id(rest, "add");
        String type = null;
        List<String> assignments = new ArrayList<>();
        for (int i = 1; i < rest.size(); i++) {
            String a = rest.get(i);
            if (i + 1 >= rest.size() || !(a.equals("--set") || a.equals("--type"))) {
                throw new IllegalArgumentException("expected --type FACTORY-PID or --set NAME=VALUE, got '" + a + "'");
            }
            if (a.equals("--type")) {
                type = rest.get(++i);
            } else {
                assignments.add(rest.get(++i));
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("add needs --type FACTORY-PID (known: " + configurator.driverTypes().stream()
                    .map(DriverType::factoryPid).sorted().toList() + ")");
        }
        String pid = type;
        DriverType driverType = configurator.driverType(pid).orElseThrow(() -> new IllegalArgumentException(
                "no driver type '" + pid + "' (known: " + configurator.driverTypes().stream().map(DriverType::factoryPid)
                        .sorted().toList() + ")"));
        Map<String, String> settings = parse(driverType.factoryPid(), assignments);
        Instrument added;
        try {
            added = configurator.create(driverType.factoryPid(), id, settings, SERVICE_WAIT);
        } catch (DriverRefusedException e) {
            err.println("onset drivers: the driver refused these settings: " + e.reason());
            err.println("instrument '" + id + "' was not added");
            return FAILURE;
        } catch (DriverTimeoutException e) {
            err.println("onset drivers: " + e.getMessage() + "; see onset drivers list");
            return FAILURE;
        } catch (InvalidSettingsException e) {
            throw e;
        } catch (InstrumentConfigurationException e) {
            err.println("onset drivers: " + e.getMessage());
            return FAILURE;
        }
        out.println("added instrument '" + id + "' of driver type " + driverType.factoryPid() + " (configuration "
                + added.configurationPid().orElse("?") + ")");
        out.println("status: " + describe(added.status()));
        return 0;
    }

    private int remove(List<String> rest, PrintStream out, PrintStream err) throws Exception {
        if (rest.size() == 1 && installer.installed(rest.get(0)).isPresent()) {
            // an installed driver bundle's symbolic name: remove the bundle
            try {
                // a bundle from a p2 repository leaves Onset's p2 profile too
                DriverBundle b = repositories == null ? null : repositories.remove(rest.get(0)).orElse(null);
                if (b == null) {
                    b = installer.remove(rest.get(0));
                }
                out.println("removed driver bundle " + b.symbolicName() + " " + b.version()
                        + "; configurations of its instruments are kept (onset drivers list shows them)");
                return 0;
            } catch (DriverInstallException e) {
                err.println("onset drivers: " + e.getMessage());
                return FAILURE;
            }
        }
        String id = id(rest, "remove");
        if (rest.size() > 1) {
            throw new IllegalArgumentException("remove takes one instrument id or driver bundle name");
        }
        Optional<InstrumentConfiguration> found = configurator.configuration(id);
        if (found.isEmpty()) {
            Optional<Instrument> d = registry.instrument(id);
            err.println("onset drivers: no configuration for instrument '" + id + "' and no installed driver bundle of that name" + d.map(x -> "; its driver comes from "
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
