package org.onset.batch.internal.drivers;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.onset.instrument.api.InstrumentDriver;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The Config Admin configurations of instruments: those with an {@code instrument.id}. */
final class DriverConfigurations {

    private final ConfigurationAdmin configAdmin;

    DriverConfigurations(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    /** Every instrument configuration, sorted by instrument id. */
    List<Configuration> all() throws IOException {
        return list("(" + InstrumentDriver.INSTRUMENT_ID + "=*)");
    }

    /** The configuration of instrument {@code id}, if there is one. */
    Optional<Configuration> byId(String id) throws IOException {
        return list("(" + InstrumentDriver.INSTRUMENT_ID + "=" + escape(id) + ")").stream().findFirst();
    }

    /**
     * A new factory configuration named after the instrument, so its PID ({@code factoryPid~id}) says
     * which instrument it is; "?" lets any bundle bind it (a re-installed driver bundle too).
     */
    Configuration create(String factoryPid, String id, Map<String, Object> settings) throws IOException {
        Configuration c = configAdmin.getFactoryConfiguration(factoryPid, id, "?");
        Hashtable<String, Object> props = new Hashtable<>(settings);
        props.put(InstrumentDriver.INSTRUMENT_ID, id);
        c.update(props);
        return c;
    }

    /** The configuration's properties with {@code changes} applied; the old ones are returned for a rollback. */
    static Dictionary<String, Object> update(Configuration c, Map<String, Object> changes) throws IOException {
        Dictionary<String, Object> old = c.getProperties();
        Hashtable<String, Object> props = new Hashtable<>();
        for (var keys = old.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            props.put(k, old.get(k));
        }
        props.putAll(changes);
        c.update(props);
        return old;
    }

    static String instrumentId(Configuration c) {
        Object id = c.getProperties() == null ? null : c.getProperties().get(InstrumentDriver.INSTRUMENT_ID);
        return id == null ? "" : id.toString();
    }

    private List<Configuration> list(String filter) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            return found == null ? List.of()
                    : Arrays.stream(found).sorted(Comparator.comparing(DriverConfigurations::instrumentId)).toList();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad instrument id in filter " + filter, e);
        }
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
}
