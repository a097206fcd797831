package org.onset.instrument.registry.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Instrument configurations through Config Admin, checked against the metatype, confirmed by the
 * driver (through the registry) and rolled back when the driver refuses them.
 */
@Component(service = InstrumentConfigurator.class)
public final class InstrumentConfiguratorComponent implements InstrumentConfigurator {

    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;
    private final InstrumentRegistry registry;
    private final ServiceComponentRuntime scr;
    private final BundleContext context;
    private final Logger logger;

    @Activate
    public InstrumentConfiguratorComponent(@Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metaType, @Reference InstrumentRegistry registry,
            @Reference ServiceComponentRuntime scr, BundleContext context,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.configAdmin = configAdmin;
        this.metaType = metaType;
        this.registry = registry;
        this.scr = scr;
        this.context = context;
        this.logger = logger;
    }

    // --- driver types ---------------------------------------------------------------------------

    /** A driver type with the schema that checks its settings. */
    private record Found(DriverType type, SettingsSchema schema) {
    }

    @Override
    public List<DriverType> driverTypes() {
        return findAll().values().stream().map(Found::type).toList();
    }

    @Override
    public Optional<DriverType> driverType(String factoryPid) {
        return Optional.ofNullable(findAll().get(factoryPid)).map(Found::type);
    }

    /**
     * Every factory PID whose metatype declares {@code instrument.id}, from installed and resolved
     * bundles (a stopped driver bundle still declares its settings, which helps to say why a
     * configuration has no driver). Read on every call: bundles come and go.
     */
    private Map<String, Found> findAll() {
        Map<String, Found> found = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if ((b.getState() & (Bundle.UNINSTALLED | Bundle.INSTALLED)) != 0) {
                continue;
            }
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info == null || info.getFactoryPids() == null) {
                continue;
            }
            for (String factoryPid : info.getFactoryPids()) {
                if (found.containsKey(factoryPid)) {
                    continue;
                }
                ObjectClassDefinition ocd = info.getObjectClassDefinition(factoryPid, null);
                if (ocd == null) {
                    continue;
                }
                SettingsSchema schema = new SettingsSchema(factoryPid, ocd);
                if (!schema.declares(InstrumentDriver.INSTRUMENT_ID)) {
                    continue; // a factory of something else than instruments
                }
                DriverType type = schema.type(ocd.getName() == null ? factoryPid : ocd.getName(),
                        ocd.getDescription() == null ? "" : ocd.getDescription(), simulated(factoryPid),
                        b.getSymbolicName(), b.getVersion().toString());
                found.put(factoryPid, new Found(type, schema));
            }
        }
        return found;
    }

    /**
     * Whether the driver component configured by {@code factoryPid} declares itself simulated (see
     * {@link InstrumentRegistry#SIMULATED}): read from its DS description, so it is known before any
     * instance exists; failing that (a driver outside DS), from a registered instance.
     */
    private boolean simulated(String factoryPid) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.configurationPid != null && Arrays.asList(d.configurationPid).contains(factoryPid)
                    && d.serviceInterfaces != null
                    && Arrays.asList(d.serviceInterfaces).contains(InstrumentDriver.class.getName())) {
                Object v = d.properties == null ? null : d.properties.get(InstrumentRegistry.SIMULATED);
                return v != null && Boolean.parseBoolean(v.toString());
            }
        }
        return registry.instruments().stream()
                .anyMatch(i -> i.factoryPid().filter(factoryPid::equals).isPresent() && i.simulated());
    }

    private Found require(String instrumentId, String factoryPid) throws InstrumentConfigurationException {
        Found f = findAll().get(factoryPid);
        if (f == null) {
            throw new InstrumentConfigurationException(instrumentId, "no installed bundle declares the settings of '"
                    + factoryPid + "' (metatype): is its driver bundle installed?");
        }
        return f;
    }

    // --- configurations -------------------------------------------------------------------------

    @Override
    public List<InstrumentConfiguration> configurations() throws IOException {
        return list("(" + InstrumentDriver.INSTRUMENT_ID + "=*)").stream().map(InstrumentConfiguratorComponent::view)
                .toList();
    }

    @Override
    public Optional<InstrumentConfiguration> configuration(String instrumentId) throws IOException {
        return byId(instrumentId).map(InstrumentConfiguratorComponent::view);
    }

    private Optional<Configuration> byId(String id) throws IOException {
        return list("(" + InstrumentDriver.INSTRUMENT_ID + "=" + escape(id) + ")").stream().findFirst();
    }

    private List<Configuration> list(String filter) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            return found == null ? List.of()
                    : Arrays.stream(found).filter(c -> c.getProperties() != null)
                            .sorted(Comparator.comparing(InstrumentConfiguratorComponent::instrumentId)).toList();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad instrument id in filter " + filter, e);
        }
    }

    private static InstrumentConfiguration view(Configuration c) {
        Map<String, Object> props = new LinkedHashMap<>();
        Dictionary<String, Object> d = c.getProperties();
        if (d != null) {
            for (var keys = d.keys(); keys.hasMoreElements();) {
                String k = keys.nextElement();
                props.put(k, d.get(k));
            }
        }
        return new InstrumentConfiguration(instrumentId(c), c.getPid(), Optional.ofNullable(c.getFactoryPid()), props);
    }

    private static String instrumentId(Configuration c) {
        Dictionary<String, Object> p = c.getProperties();
        Object id = p == null ? null : p.get(InstrumentDriver.INSTRUMENT_ID);
        return id == null ? "" : id.toString();
    }

    /** LDAP filter escaping (RFC 4515 as used by OSGi filters). */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (ch == '\\' || ch == '*' || ch == '(' || ch == ')') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    // --- checking ---------------------------------------------------------------------------------

    @Override
    public Map<String, Object> check(String factoryPid, Map<String, ?> settings) throws InvalidSettingsException {
        try {
            return check("", require("", factoryPid).schema(), settings);
        } catch (InvalidSettingsException e) {
            throw e;
        } catch (InstrumentConfigurationException e) {
            throw new InvalidSettingsException("", List.of(e.getMessage()));
        }
    }

    /** Every setting typed, or every problem at once: a user fixes them in one go. */
    private static Map<String, Object> check(String instrumentId, SettingsSchema schema, Map<String, ?> settings)
            throws InvalidSettingsException {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ?> e : settings.entrySet()) {
            if (e.getKey().equals(InstrumentDriver.INSTRUMENT_ID)) {
                if (!instrumentId.isEmpty() && !instrumentId.equals(String.valueOf(e.getValue()))) {
                    problems.add("setting '" + InstrumentDriver.INSTRUMENT_ID
                            + "' is the instrument's id and cannot be changed");
                }
                continue;
            }
            try {
                values.put(e.getKey(), schema.parse(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(instrumentId, problems);
        }
        return values;
    }

    private Map<String, Object> checkLogged(String instrumentId, SettingsSchema schema, Map<String, ?> settings)
            throws InvalidSettingsException {
        try {
            return check(instrumentId, schema, settings);
        } catch (InvalidSettingsException e) {
            logger.warn("instrument '{}': configuration refused before anything was written: {}", instrumentId,
                    String.join("; ", e.problems()));
            throw e;
        }
    }

    // --- create, change, delete -------------------------------------------------------------------

    /** Longest instrument id: ids name configuration files, whose names the file system limits. */
    static final int MAX_ID_LENGTH = 64;
    private static final java.util.regex.Pattern VALID_ID = java.util.regex.Pattern
            .compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_ID_LENGTH - 1) + "}");

    @Override
    public Instrument create(String factoryPid, String instrumentId, Map<String, ?> settings, Duration timeout)
            throws InstrumentConfigurationException, IOException, InterruptedException {
        if (instrumentId == null || instrumentId.isBlank()) {
            throw new InstrumentConfigurationException("", "an instrument needs a non-blank instrument id");
        }
        if (!VALID_ID.matcher(instrumentId).matches()) {
            // the id names the configuration's file and appears in map files and paths: keep it plain
            String shown = instrumentId.length() > 40 ? instrumentId.substring(0, 40) + "…" : instrumentId;
            throw new InstrumentConfigurationException(shown, "the instrument id '" + shown + "' ("
                    + instrumentId.length() + " characters) must be 1 to " + MAX_ID_LENGTH
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Found type = require(instrumentId, factoryPid);
        Map<String, Object> values = checkLogged(instrumentId, type.schema(), settings);
        if (byId(instrumentId).isPresent() || registry.instrument(instrumentId).isPresent()) {
            throw new InstrumentConfigurationException(instrumentId, "an instrument '" + instrumentId
                    + "' exists already");
        }
        // named after the instrument, so its PID (factoryPid~id) says which instrument it is; "?" lets
        // any bundle bind it (a re-installed driver bundle too)
        Configuration c = configAdmin.getFactoryConfiguration(factoryPid, instrumentId, "?");
        Hashtable<String, Object> props = new Hashtable<>(values);
        props.put(InstrumentDriver.INSTRUMENT_ID, instrumentId);
        c.update(props);
        String pid = c.getPid();
        Optional<Instrument> driver = registry.await(i -> isConfiguredBy(i, pid), timeout);
        if (driver.isEmpty()) {
            logger.warn("instrument '{}': configuration {} saved, but no driver registered within {} s", instrumentId,
                    pid, timeout.toSeconds());
            throw new DriverTimeoutException(instrumentId, "configuration " + pid + " saved, but no driver registered for '"
                    + instrumentId + "' within " + timeout.toSeconds() + " s", timeout);
        }
        InstrumentStatus status = driver.get().status();
        if (status.state() == InstrumentStatus.State.FAULT) {
            c.delete();
            registry.awaitAbsent(i -> isConfiguredBy(i, pid), timeout);
            logger.warn("instrument '{}': the driver refused the new configuration {}: {}; it was deleted again",
                    instrumentId, values, status.reason());
            throw new DriverRefusedException(instrumentId, status.reason(), "instrument '" + instrumentId
                    + "' was not added");
        }
        logger.info("instrument '{}' configured ({}): {}", instrumentId, pid, values);
        return driver.get();
    }

    @Override
    public Instrument change(String instrumentId, Map<String, ?> changes, Duration timeout)
            throws InstrumentConfigurationException, IOException, InterruptedException {
        Configuration c = byId(instrumentId).orElseThrow(() -> new InstrumentConfigurationException(instrumentId,
                "no configuration for instrument '" + instrumentId + "'"));
        String pid = c.getPid();
        String driverPid = c.getFactoryPid() == null ? pid : c.getFactoryPid();
        Map<String, Object> values = checkLogged(instrumentId, require(instrumentId, driverPid).schema(), changes);
        boolean faultBefore = registry.instruments().stream().filter(i -> isConfiguredBy(i, pid))
                .anyMatch(i -> i.status().state() == InstrumentStatus.State.FAULT);
        Dictionary<String, Object> old = c.getProperties();
        Hashtable<String, Object> props = new Hashtable<>();
        for (var keys = old.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            props.put(k, old.get(k));
        }
        props.putAll(values);
        c.update(props);
        Optional<Instrument> driver = registry.await(i -> isConfiguredBy(i, pid) && carries(i, values), timeout);
        if (driver.isEmpty()) {
            logger.warn("instrument '{}': settings {} saved, but the driver did not come back within {} s",
                    instrumentId, values, timeout.toSeconds());
            throw new DriverTimeoutException(instrumentId, "settings saved, but the driver of '" + instrumentId
                    + "' did not come back within " + timeout.toSeconds() + " s", timeout);
        }
        InstrumentStatus status = driver.get().status();
        if (status.state() == InstrumentStatus.State.FAULT && !faultBefore) {
            c.update(old);
            Map<String, Object> previous = new HashMap<>();
            values.keySet().forEach(k -> previous.put(k, old.get(k)));
            registry.await(i -> isConfiguredBy(i, pid) && carries(i, previous), timeout);
            logger.warn("instrument '{}': the driver refused the settings {}: {}; the previous configuration was "
                    + "restored", instrumentId, values, status.reason());
            throw new DriverRefusedException(instrumentId, status.reason(), "the previous settings of '"
                    + instrumentId + "' were restored");
        }
        logger.info("instrument '{}' changed: {}", instrumentId, values);
        return driver.get();
    }

    @Override
    public InstrumentConfiguration delete(String instrumentId, Duration timeout)
            throws InstrumentConfigurationException, IOException, InterruptedException {
        Configuration c = byId(instrumentId).orElseThrow(() -> new InstrumentConfigurationException(instrumentId,
                "no configuration for instrument '" + instrumentId + "'"));
        InstrumentConfiguration view = view(c);
        String pid = c.getPid();
        c.delete();
        if (!registry.awaitAbsent(i -> isConfiguredBy(i, pid), timeout)) {
            logger.warn("instrument '{}': configuration {} deleted, but its driver is still registered after {} s",
                    instrumentId, pid, timeout.toSeconds());
            throw new DriverTimeoutException(instrumentId, "configuration " + pid + " deleted, but the driver of '"
                    + instrumentId + "' is still registered after " + timeout.toSeconds() + " s", timeout);
        }
        logger.info("instrument '{}' removed (configuration {} deleted)", instrumentId, pid);
        return view;
    }

    private static boolean isConfiguredBy(Instrument i, String pid) {
        return i.configurationPid().filter(pid::equals).isPresent();
    }

    /** Whether the driver service was registered with these values (DS publishes the configuration). */
    private static boolean carries(Instrument i, Map<String, Object> values) {
        return values.entrySet().stream().allMatch(
                e -> Objects.equals(String.valueOf(i.properties().get(e.getKey())), String.valueOf(e.getValue())));
    }
}
